-- name: iso-rc-nonrepeatable-read
-- about: alice reads a row twice in READ COMMITTED, bob commits a change in between
-- setup
CREATE TABLE customers (customer_id int PRIMARY KEY, balance numeric(12,2));
INSERT INTO customers VALUES (1, 0.00), (2, 15.00);
-- step alice
BEGIN;
SELECT balance FROM customers WHERE customer_id = 2;
-- step bob
UPDATE customers SET balance = 20 WHERE customer_id = 2;
-- step alice
SELECT balance FROM customers WHERE customer_id = 2;
COMMIT;
