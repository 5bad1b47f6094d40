-- name: savepoint-rollback-restores-update
-- about: ROLLBACK TO SAVEPOINT restores updated and deleted rows exactly as they were at the savepoint
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
UPDATE t SET v = 'uno' WHERE id = 1;
SAVEPOINT sp;
UPDATE t SET v = 'eins' WHERE id = 1;
DELETE FROM t WHERE id = 2;
SELECT * FROM t ORDER BY id;
ROLLBACK TO SAVEPOINT sp;
SELECT * FROM t ORDER BY id;
COMMIT;
SELECT * FROM t ORDER BY id;
