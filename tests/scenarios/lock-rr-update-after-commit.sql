-- name: lock-rr-update-after-commit
-- about: REPEATABLE READ: a row changed by a transaction that committed after bob's snapshot cannot be updated (40001), no wait
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
UPDATE accounts SET balance = balance - 100 WHERE account_id = 1;
-- step bob
UPDATE accounts SET balance = balance + 1 WHERE account_id = 2;
UPDATE accounts SET balance = balance + 1 WHERE account_id = 1;
COMMIT;
SELECT account_id, balance FROM accounts ORDER BY account_id;
