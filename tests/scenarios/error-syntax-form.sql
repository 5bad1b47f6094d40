-- name: error-syntax-form
-- about: syntax errors point at the offending token (SELECT * FORM t), or at the ';' that psql sends with the statement
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
SELECT * FORM t;
SELECT * FROM;
SELEC 1;
SELECT 1 +;
CREATE TABLE (id int);
SELECT id, FROM t;
