-- name: error-unknown-column
-- about: unknown columns are 42703 with a position and, for a near miss, a HINT naming the column meant
-- setup
CREATE TABLE customers (customer_id int PRIMARY KEY, customer_name text);
CREATE TABLE rentals (rental_id int, customer_id int);
-- step psql
SELECT customer_nme FROM customers;
SELECT nothing_like_it FROM customers;
SELECT c.customer_nam FROM customers c;
UPDATE customers SET nme = 'x';
INSERT INTO customers (customer_id, nme) VALUES (1, 'x');
SELECT customers.customer_name FROM customers c;
SELECT customer_id FROM customers JOIN rentals USING (customer_id) WHERE rental_idd = 1;
