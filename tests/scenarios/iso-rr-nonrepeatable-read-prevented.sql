-- name: iso-rr-nonrepeatable-read-prevented
-- about: REPEATABLE READ: alice reads the same value twice although bob committed a change and a new row in between
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT v FROM t WHERE id = 2;
-- step bob
UPDATE t SET v = 'deux' WHERE id = 2;
INSERT INTO t VALUES (3, 'three');
-- step alice
SELECT v FROM t WHERE id = 2;
SELECT count(*) FROM t;
COMMIT;
SELECT v FROM t WHERE id = 2;
