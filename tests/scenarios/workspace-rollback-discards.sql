-- name: workspace-rollback-discards
-- about: ROLLBACK deletes the workspace: conn1 falls back to the main data, which conn2 never saw change
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
DELETE FROM accounts WHERE account_id = 2;
INSERT INTO accounts VALUES (3, 10.00);
SELECT * FROM accounts ORDER BY account_id;
-- step conn2
SELECT * FROM accounts ORDER BY account_id;
-- step conn1
ROLLBACK;
SELECT * FROM accounts ORDER BY account_id;
