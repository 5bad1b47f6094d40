-- name: savepoint-name-folding
-- about: savepoint names fold to lower case unless quoted, like every identifier
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
SAVEPOINT MyPoint;
ROLLBACK TO SAVEPOINT mypoint;
ROLLBACK TO SAVEPOINT "MyPoint";
ROLLBACK;
BEGIN;
SAVEPOINT "Quoted";
ROLLBACK TO SAVEPOINT "Quoted";
RELEASE SAVEPOINT quoted;
ROLLBACK;
