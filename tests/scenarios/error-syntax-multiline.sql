-- name: error-syntax-multiline
-- about: an error on a later line of a statement: the position counts from the statement's first character
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
SELECT id,
       v
  FROM t
 WHERE id = 1
 ORDER BY nope;
-- a comment before the statement is not part of it
SELECT id
  FROM tt;
SELECT id /* a comment inside is */ FROM t WHERE x = 1;
