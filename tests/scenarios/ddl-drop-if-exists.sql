-- name: ddl-drop-if-exists
-- about: DROP TABLE IF EXISTS of a missing table is a NOTICE, without IF EXISTS an error; a list drops what exists
-- setup
CREATE TABLE a (id int);
-- step psql
DROP TABLE IF EXISTS nope;
DROP TABLE nope;
DROP TABLE IF EXISTS a, nope;
DROP TABLE IF EXISTS a;
DROP TABLE a;
