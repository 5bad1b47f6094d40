-- name: acid-exercise-basic-rollback
-- about: exercise 1 - update a row in a transaction, roll back, confirm the change did not persist
-- setup
CREATE TABLE accounts (
account_id bigint PRIMARY KEY,
balance numeric(12,2) NOT NULL CHECK (balance >= 0)
);
INSERT INTO accounts (account_id, balance) VALUES
(1, 5000.00),
(2, 3000.00);
-- step psql
BEGIN;
UPDATE accounts SET balance = balance + 1 WHERE account_id = 1;
SELECT balance FROM accounts WHERE account_id = 1;
ROLLBACK;
SELECT balance FROM accounts WHERE account_id = 1;
