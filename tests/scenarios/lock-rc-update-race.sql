-- name: lock-rc-update-race
-- about: READ COMMITTED: bob's UPDATE of a row alice updated waits, then applies to alice's committed version - no lost update
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
UPDATE accounts SET balance = balance + 100 WHERE account_id = 1;
-- step bob
UPDATE accounts SET balance = balance + 1 WHERE account_id = 1 RETURNING balance;
-- step alice
COMMIT;
-- step alice
SELECT balance FROM accounts WHERE account_id = 1;
