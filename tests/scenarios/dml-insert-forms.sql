-- name: dml-insert-forms
-- about: INSERT with several rows, a column list, INSERT ... SELECT and RETURNING, with their tags
-- setup
CREATE TABLE src (id int, name text);
CREATE TABLE dst (id int PRIMARY KEY, name text, copied boolean DEFAULT true);
INSERT INTO src VALUES (1, 'a'), (2, 'b'), (3, 'c');
-- step psql
INSERT INTO dst (id, name) SELECT id, name FROM src WHERE id < 3;
INSERT INTO dst SELECT id + 10, upper(name), false FROM src RETURNING id, name;
INSERT INTO dst (name, id) VALUES ('x', 20), ('y', 21) RETURNING *;
INSERT INTO dst (id) SELECT id FROM src WHERE id > 100;
INSERT INTO dst (id, name) VALUES (30);
INSERT INTO dst (id) VALUES (31, 'z');
SELECT * FROM dst ORDER BY id;
