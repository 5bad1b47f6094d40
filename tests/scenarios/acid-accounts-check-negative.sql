-- name: acid-accounts-check-negative
-- about: a transfer that would overdraw account 2 violates CHECK (balance >= 0); the whole transaction is lost
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
UPDATE accounts SET balance = balance + 4000 WHERE account_id = 1;
UPDATE accounts SET balance = balance - 4000 WHERE account_id = 2;
UPDATE accounts SET balance = 0 WHERE account_id = 2;
COMMIT;
SELECT account_id, balance FROM accounts ORDER BY account_id;
