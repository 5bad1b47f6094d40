-- name: acid-accounts-commit
-- about: the money transfer committed: both updates become visible together, to the other connection too
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
UPDATE accounts SET balance = balance - 100 WHERE account_id = 1;
UPDATE accounts SET balance = balance + 100 WHERE account_id = 2;
-- step bob
SELECT account_id, balance FROM accounts ORDER BY account_id;
-- step alice
COMMIT;
-- step bob
SELECT account_id, balance FROM accounts ORDER BY account_id;
SELECT sum(balance) FROM accounts;
