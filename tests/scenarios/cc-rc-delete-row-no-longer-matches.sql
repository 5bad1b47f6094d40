-- name: cc-rc-delete-row-no-longer-matches
-- about: READ COMMITTED: bob's DELETE WHERE value = 10 waits for alice's UPDATE of that row to 11 and then deletes nothing
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
DELETE FROM t WHERE value = 10;
-- step alice
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
