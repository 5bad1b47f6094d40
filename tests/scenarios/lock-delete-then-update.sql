-- name: lock-delete-then-update
-- about: bob's UPDATE waits for alice's DELETE of the row; when it commits the row is gone and bob updates nothing
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
DELETE FROM accounts WHERE account_id = 2;
-- step bob
UPDATE accounts SET balance = balance + 1 WHERE account_id = 2;
-- step alice
COMMIT;
