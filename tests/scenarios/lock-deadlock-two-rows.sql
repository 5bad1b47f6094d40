-- name: lock-deadlock-two-rows
-- about: alice and bob each lock one row, then want the other's; bob closes the cycle and is the victim
-- needs: locks
-- setup
CREATE TABLE accounts (account_id int PRIMARY KEY, balance numeric(12,2) NOT NULL);
INSERT INTO accounts VALUES (1, 5000.00), (2, 3000.00);
-- step alice
BEGIN;
UPDATE accounts SET balance = balance - 100 WHERE account_id = 1;
-- step bob
BEGIN;
UPDATE accounts SET balance = balance - 200 WHERE account_id = 2;
-- step alice
UPDATE accounts SET balance = balance + 100 WHERE account_id = 2;
SELECT * FROM accounts ORDER BY account_id;
-- step bob
UPDATE accounts SET balance = balance + 200 WHERE account_id = 1;
-- step alice
COMMIT;
SELECT * FROM accounts ORDER BY account_id;
