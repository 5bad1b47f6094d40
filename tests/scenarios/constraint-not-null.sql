-- name: constraint-not-null
-- about: NOT NULL violations are 23502 with DETAIL Failing row contains (...), from INSERT and from UPDATE
-- setup
CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, born date, nick varchar(10));
INSERT INTO people VALUES (1, 'Ann', '1990-05-01', 'annie');
-- step psql
INSERT INTO people (id) VALUES (2);
INSERT INTO people VALUES (3, NULL, NULL, 'x');
UPDATE people SET name = NULL WHERE id = 1;
INSERT INTO people (id, name) VALUES (4, 'Bo') RETURNING *;
