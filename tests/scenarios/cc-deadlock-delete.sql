-- name: cc-deadlock-delete
-- about: a deadlock closed by a DELETE: the CONTEXT says 'while deleting tuple'
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
BEGIN;
UPDATE t SET value = 22 WHERE id = 2;
-- step alice
UPDATE t SET value = 12 WHERE id = 2;
-- step bob
DELETE FROM t WHERE id = 1;
-- step bob
ROLLBACK;
-- step alice
COMMIT;
SELECT * FROM t ORDER BY id;
