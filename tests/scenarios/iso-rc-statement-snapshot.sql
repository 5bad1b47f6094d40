-- name: iso-rc-statement-snapshot
-- about: READ COMMITTED takes a new snapshot for every statement of the block, so alice sees each commit of bob's
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN;
SELECT count(*) FROM t;
-- step bob
INSERT INTO t VALUES (3, 'three');
-- step alice
SELECT count(*) FROM t;
-- step bob
DELETE FROM t WHERE id = 1;
-- step alice
SELECT count(*) FROM t;
COMMIT;
