-- name: lock-for-update-nowait-skip-locked
-- about: SELECT ... FOR UPDATE NOWAIT fails on a locked row (55P03); SKIP LOCKED returns only the free rows
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
SELECT * FROM accounts WHERE account_id = 1 FOR UPDATE;
-- step bob
BEGIN;
SELECT * FROM accounts ORDER BY account_id FOR UPDATE SKIP LOCKED;
SELECT * FROM accounts WHERE account_id = 1 FOR UPDATE NOWAIT;
ROLLBACK;
-- step alice
COMMIT;
