-- name: acid-accounts-rollback
-- about: a transfer of 100 inside BEGIN ... ROLLBACK leaves 5000.00 and 3000.00
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
UPDATE accounts SET balance = balance - 100 WHERE account_id = 1;
UPDATE accounts SET balance = balance + 100 WHERE account_id = 2;
ROLLBACK;
SELECT account_id, balance
FROM accounts
ORDER BY account_id;
