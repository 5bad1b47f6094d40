-- name: error-unknown-table
-- about: unknown tables are 42P01 with the position of the name, in FROM, INSERT, UPDATE, DELETE and JOIN
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
SELECT * FROM nonexistent;
INSERT INTO nonexistent VALUES (1);
UPDATE nonexistent SET x = 1;
DELETE FROM nonexistent;
SELECT * FROM t JOIN missing m ON m.id = t.id;
SELECT * FROM public.nonexistent;
SELECT * FROM nope.t;
