-- name: savepoint-release-nested
-- about: releasing an outer savepoint releases every savepoint made after it; a plain ROLLBACK undoes all
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
SAVEPOINT outer_sp;
INSERT INTO t VALUES (3, 'three');
SAVEPOINT inner_sp;
INSERT INTO t VALUES (4, 'four');
RELEASE SAVEPOINT outer_sp;
ROLLBACK TO SAVEPOINT inner_sp;
ROLLBACK;
BEGIN;
SAVEPOINT outer_sp;
INSERT INTO t VALUES (3, 'three');
SAVEPOINT inner_sp;
INSERT INTO t VALUES (4, 'four');
RELEASE inner_sp;
ROLLBACK TO outer_sp;
COMMIT;
SELECT id FROM t ORDER BY id;
