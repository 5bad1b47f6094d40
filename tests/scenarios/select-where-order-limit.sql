-- name: select-where-order-limit
-- about: WHERE with AND/OR/IN/BETWEEN/LIKE, ORDER BY with DESC and NULLS, LIMIT and OFFSET
-- setup
CREATE TABLE fruit (id int PRIMARY KEY, name text, price numeric(5,2), stock int);
INSERT INTO fruit VALUES
    (1, 'apple', 0.50, 100), (2, 'banana', 0.25, 150), (3, 'cherry', 3.00, NULL),
    (4, 'date', 2.50, 20), (5, 'elderberry', 4.75, 5), (6, 'fig', 1.20, 0);
-- step psql
SELECT name, price FROM fruit WHERE price > 1 AND stock > 0 ORDER BY price DESC;
SELECT name FROM fruit WHERE id IN (1, 3, 5) OR name LIKE 'f%' ORDER BY name;
SELECT name, stock FROM fruit ORDER BY stock NULLS FIRST, name LIMIT 3;
SELECT name, stock FROM fruit ORDER BY stock DESC LIMIT 2 OFFSET 1;
SELECT id FROM fruit WHERE price BETWEEN 0.25 AND 1.20 ORDER BY id;
SELECT name FROM fruit WHERE stock IS NULL;
SELECT name FROM fruit ORDER BY id LIMIT 0;
SELECT name FROM fruit ORDER BY id OFFSET 5;
