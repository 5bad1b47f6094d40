-- name: constraint-foreign-key-cascade
-- about: ON DELETE CASCADE deletes the children and ON DELETE SET NULL clears them; the tag counts parent rows only
-- setup
CREATE TABLE orders (id int PRIMARY KEY);
CREATE TABLE lines (order_id int REFERENCES orders ON DELETE CASCADE, n int);
CREATE TABLE notes (order_id int REFERENCES orders ON DELETE SET NULL, txt text);
INSERT INTO orders VALUES (1), (2);
INSERT INTO lines VALUES (1, 1), (1, 2), (2, 1);
INSERT INTO notes VALUES (1, 'rush'), (2, 'gift');
-- step psql
DELETE FROM orders WHERE id = 1;
SELECT * FROM lines ORDER BY order_id, n;
SELECT * FROM notes ORDER BY txt;
