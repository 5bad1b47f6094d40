-- name: lock-for-update-queued-statements
-- about: bob's UPDATE waits for alice's FOR UPDATE lock; his next statements stay queued and run when alice commits
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
SELECT balance FROM accounts WHERE account_id = 1 FOR UPDATE;
-- step bob
BEGIN;
UPDATE accounts SET balance = balance - 1 WHERE account_id = 1;
SELECT balance FROM accounts WHERE account_id = 1;
COMMIT;
-- step alice
UPDATE accounts SET balance = balance + 10 WHERE account_id = 1;
COMMIT;
-- step bob
SELECT balance FROM accounts WHERE account_id = 1;
