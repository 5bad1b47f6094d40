-- name: select-inner-join
-- about: inner joins written with JOIN ... ON, USING and a comma with WHERE; rows without a partner drop out
-- setup
CREATE TABLE customers (customer_id int PRIMARY KEY, name text);
CREATE TABLE rentals (rental_id int PRIMARY KEY, customer_id int, title text);
INSERT INTO customers VALUES (1, 'Jones'), (2, 'Rubin'), (3, 'Panky');
INSERT INTO rentals VALUES (10, 1, 'Casablanca'), (11, 1, 'Vertigo'), (12, 3, 'Psycho'), (13, 9, 'Rope');
-- step psql
SELECT c.name, r.title FROM customers c JOIN rentals r ON r.customer_id = c.customer_id ORDER BY r.rental_id;
SELECT customer_id, name, title FROM customers INNER JOIN rentals USING (customer_id) ORDER BY title;
SELECT c.name, count(*) AS rentals FROM customers c, rentals r
 WHERE r.customer_id = c.customer_id GROUP BY c.name ORDER BY c.name;
