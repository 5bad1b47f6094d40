-- name: dml-update-from-subquery
-- about: UPDATE and DELETE whose WHERE uses a subquery on another table
-- setup
CREATE TABLE accounts (id int PRIMARY KEY, balance numeric(12,2));
CREATE TABLE frozen (account_id int);
INSERT INTO accounts VALUES (1, 10.00), (2, 20.00), (3, 30.00);
INSERT INTO frozen VALUES (2);
-- step psql
UPDATE accounts SET balance = balance * 2 WHERE id NOT IN (SELECT account_id FROM frozen);
DELETE FROM accounts WHERE id IN (SELECT account_id FROM frozen) RETURNING *;
SELECT * FROM accounts ORDER BY id;
