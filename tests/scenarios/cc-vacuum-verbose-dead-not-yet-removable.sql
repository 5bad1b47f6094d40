-- name: cc-vacuum-verbose-dead-not-yet-removable
-- about: VACUUM VERBOSE while a REPEATABLE READ snapshot is open reports the deleted row as 'dead but not yet removable' and the removable cutoff
-- needs: locks, vacuum-verbose
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM t;
-- step bob
DELETE FROM t WHERE id = 2;
VACUUM t;
VACUUM VERBOSE t;
-- step alice
COMMIT;
