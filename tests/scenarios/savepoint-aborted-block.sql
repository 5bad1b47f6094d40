-- name: savepoint-aborted-block
-- about: in an aborted block SAVEPOINT and RELEASE fail with 25P02, but ROLLBACK TO an existing savepoint recovers
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
SAVEPOINT before_error;
INSERT INTO t VALUES (1, 'dup');
SAVEPOINT after_error;
RELEASE SAVEPOINT before_error;
ROLLBACK TO SAVEPOINT after_error;
ROLLBACK TO SAVEPOINT before_error;
INSERT INTO t VALUES (3, 'three');
COMMIT;
SELECT id, v FROM t ORDER BY id;
