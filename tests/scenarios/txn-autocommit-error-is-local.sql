-- name: txn-autocommit-error-is-local
-- about: outside a block each statement is its own transaction: an error spoils nothing that follows
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
INSERT INTO t VALUES (3, 'three');
INSERT INTO t VALUES (3, 'again');
INSERT INTO t VALUES (4, 'four');
SELECT * FROM t ORDER BY id;
