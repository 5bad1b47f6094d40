-- name: savepoint-does-not-exist
-- about: ROLLBACK TO or RELEASE of an unknown savepoint is 3B001 and aborts the block
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
INSERT INTO t VALUES (3, 'three');
ROLLBACK TO SAVEPOINT nope;
SELECT count(*) FROM t;
ROLLBACK;
BEGIN;
SAVEPOINT a;
RELEASE SAVEPOINT b;
ROLLBACK TO SAVEPOINT a;
SELECT count(*) FROM t;
COMMIT;
