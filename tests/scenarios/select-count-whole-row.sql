-- name: select-count-whole-row
-- about: count(r.*) counts the matched rows of an outer join and not the NULL-extended ones
-- setup
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE rentals (id int PRIMARY KEY, customer_id int, title text);
INSERT INTO customers VALUES (1, 'Jones'), (2, 'Rubin'), (3, 'Panky');
INSERT INTO rentals VALUES (1, 1, 'Casablanca'), (2, 1, 'Vertigo'), (3, 2, 'Psycho');
-- step psql
SELECT c.name, count(r.*) AS rentals, count(*) AS rows FROM customers c LEFT JOIN rentals r ON r.customer_id = c.id GROUP BY c.name ORDER BY c.name;
