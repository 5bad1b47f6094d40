-- name: workspace-begin-private
-- about: after BEGIN a connection works in a private workspace: its changes are invisible to others until COMMIT
-- setup
CREATE TABLE accounts (
account_id bigint PRIMARY KEY,
balance numeric(12,2) NOT NULL CHECK (balance >= 0)
);
INSERT INTO accounts (account_id, balance) VALUES
(1, 5000.00),
(2, 3000.00);
-- step conn1
BEGIN;
UPDATE accounts SET balance = balance - 50 WHERE account_id = 1;
SELECT * FROM accounts ORDER BY account_id;
-- step conn2
SELECT * FROM accounts ORDER BY account_id;
-- step conn1
UPDATE accounts SET balance = balance + 50 WHERE account_id = 2;
COMMIT;
-- step conn2
SELECT * FROM accounts ORDER BY account_id;
