-- name: cc-rc-update-key-changed-meanwhile
-- about: READ COMMITTED: bob's UPDATE WHERE id = 1 waits for alice moving the row to id 10, follows it to the new version, which no longer matches: UPDATE 0
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET id = 10 WHERE id = 1;
-- step bob
UPDATE t SET value = value + 1 WHERE id = 1;
-- step alice
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
