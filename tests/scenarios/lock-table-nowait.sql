-- name: lock-table-nowait
-- about: LOCK TABLE ... NOWAIT fails at once (55P03) when another transaction holds a conflicting table lock
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
LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;
-- step bob
BEGIN;
LOCK TABLE accounts IN SHARE MODE NOWAIT;
ROLLBACK;
-- step alice
COMMIT;
-- step bob
BEGIN;
LOCK TABLE accounts IN SHARE MODE NOWAIT;
COMMIT;
