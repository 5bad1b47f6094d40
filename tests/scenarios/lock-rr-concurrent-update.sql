-- name: lock-rr-concurrent-update
-- about: REPEATABLE READ: bob waits for alice's update of the same row; when alice commits, bob fails with 40001
-- needs: locks
-- setup
CREATE TABLE accounts (
account_id bigint PRIMARY KEY,
balance numeric(12,2) NOT NULL CHECK (balance >= 0)
);
INSERT INTO accounts (account_id, balance) VALUES
(1, 5000.00),
(2, 3000.00);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT balance FROM accounts WHERE account_id = 1;
-- step alice
BEGIN;
UPDATE accounts SET balance = balance - 100 WHERE account_id = 1;
-- step bob
UPDATE accounts SET balance = balance + 1 WHERE account_id = 1;
-- step alice
COMMIT;
-- step bob
SELECT balance FROM accounts WHERE account_id = 1;
ROLLBACK;
