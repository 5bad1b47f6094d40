-- name: savepoint-release
-- about: RELEASE SAVEPOINT keeps the changes made since it but forgets the savepoint: rolling back to it is then 3B001
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
SAVEPOINT a;
INSERT INTO t VALUES (3, 'three');
RELEASE SAVEPOINT a;
SELECT count(*) FROM t;
ROLLBACK TO SAVEPOINT a;
ROLLBACK;
SELECT count(*) FROM t;
