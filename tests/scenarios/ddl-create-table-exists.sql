-- name: ddl-create-table-exists
-- about: CREATE TABLE of an existing name is 42P07; IF NOT EXISTS turns it into a NOTICE
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
CREATE TABLE t (id int);
CREATE TABLE IF NOT EXISTS t (id int);
CREATE TABLE T (x int);
CREATE TABLE "T" (x int);
SELECT * FROM "T";
