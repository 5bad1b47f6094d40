-- name: lock-drop-table-blocks-reader
-- about: an uncommitted DROP TABLE holds ACCESS EXCLUSIVE: even a SELECT waits; after ROLLBACK it reads the rows
-- needs: locks
-- setup
CREATE TABLE accounts (
account_id bigint PRIMARY KEY,
balance numeric(12,2) NOT NULL CHECK (balance >= 0)
);
INSERT INTO accounts (account_id, balance) VALUES
(1, 5000.00),
(2, 3000.00);
-- step alice
BEGIN;
DROP TABLE accounts;
-- step bob
SELECT count(*) FROM accounts;
-- step alice
ROLLBACK;
