-- name: cc-ssi-deferrable-safe-snapshot-keeps-old-values
-- about: SERIALIZABLE READ ONLY DEFERRABLE waits for bob's open serializable writer; his COMMIT proves the snapshot safe, and it still shows the values from before his update
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET value = 11 WHERE id = 1;
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE;
SELECT * FROM t ORDER BY id;
-- step bob
COMMIT;
-- step alice
SELECT * FROM t ORDER BY id;
COMMIT;
SELECT * FROM t ORDER BY id;
