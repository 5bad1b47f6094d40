-- name: acid-aborted-nonexistent-table
-- about: SELECT * FROM nonexistent inside BEGIN aborts the transaction: everything fails with 25P02 until ROLLBACK
-- setup
CREATE TABLE accounts (account_id bigint PRIMARY KEY, balance numeric(12,2) NOT NULL);
INSERT INTO accounts VALUES (1, 5000.00);
-- step psql
BEGIN;
UPDATE accounts SET balance = balance - 100 WHERE account_id = 1;
SELECT * FROM nonexistent;
SELECT * FROM accounts;
UPDATE accounts SET balance = 0;
ROLLBACK;
SELECT * FROM accounts;
