-- name: iso-rr-own-changes-visible
-- about: inside REPEATABLE READ a transaction still sees its own writes on top of its old snapshot
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT * FROM t ORDER BY id;
-- step bob
INSERT INTO t VALUES (3, 'three');
-- step alice
INSERT INTO t VALUES (4, 'four');
UPDATE t SET v = 'uno' WHERE id = 1;
SELECT * FROM t ORDER BY id;
COMMIT;
SELECT * FROM t ORDER BY id;
