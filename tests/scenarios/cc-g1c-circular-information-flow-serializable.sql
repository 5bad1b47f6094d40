-- name: cc-g1c-circular-information-flow-serializable
-- about: G1c at SERIALIZABLE: each read the row the other wrote, a cycle of rw-dependencies: the first COMMIT wins, the second gets 40001
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET value = 22 WHERE id = 2;
-- step alice
SELECT value FROM t WHERE id = 2;
-- step bob
SELECT value FROM t WHERE id = 1;
-- step alice
COMMIT;
-- step bob
COMMIT;
SELECT * FROM t ORDER BY id;
