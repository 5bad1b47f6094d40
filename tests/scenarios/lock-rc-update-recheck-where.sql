-- name: lock-rc-update-recheck-where
-- about: READ COMMITTED re-checks WHERE on the newest version after the wait: the row no longer matches, UPDATE 0
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
UPDATE accounts SET balance = balance - 100 WHERE account_id = 1;
-- step bob
UPDATE accounts SET balance = 0 WHERE balance = 5000.00;
SELECT account_id, balance FROM accounts ORDER BY account_id;
-- step alice
COMMIT;
