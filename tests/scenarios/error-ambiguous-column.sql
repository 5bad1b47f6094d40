-- name: error-ambiguous-column
-- about: a column name present in two joined tables must be qualified (42702); table aliases hide the table name
-- setup
CREATE TABLE a (id int, x int);
CREATE TABLE b (id int, y int);
-- step psql
SELECT id FROM a JOIN b ON a.id = b.id;
SELECT a.id FROM a JOIN b ON a.id = b.id;
SELECT a.id FROM a AS t;
SELECT * FROM a, a;
