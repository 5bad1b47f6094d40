-- name: iso-rr-sees-rolled-back-nothing
-- about: a transaction that rolled back never becomes visible, whatever the level of the reader
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step bob
BEGIN;
UPDATE t SET v = 'gone' WHERE id = 1;
INSERT INTO t VALUES (3, 'three');
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT * FROM t ORDER BY id;
-- step bob
ROLLBACK;
-- step alice
SELECT * FROM t ORDER BY id;
COMMIT;
SELECT * FROM t ORDER BY id;
