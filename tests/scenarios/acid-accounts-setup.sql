-- name: acid-accounts-setup
-- about: the tutorial's accounts setup as a learner runs it: DROP TABLE IF EXISTS notice, CREATE, INSERT 0 2, SELECT
-- step psql
DROP TABLE IF EXISTS accounts;
CREATE TABLE accounts (
account_id bigint PRIMARY KEY,
balance numeric(12,2) NOT NULL CHECK (balance >= 0)
);
INSERT INTO accounts (account_id, balance) VALUES
(1, 5000.00),
(2, 3000.00);
SELECT account_id, balance
FROM accounts
ORDER BY account_id;
