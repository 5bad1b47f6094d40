-- name: cc-g1a-aborted-read-serializable
-- about: G1a at SERIALIZABLE: an aborted write is invisible before and after the abort, and nobody gets a serialization failure
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET value = 101 WHERE id = 1;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM t ORDER BY id;
-- step alice
ROLLBACK;
-- step bob
SELECT * FROM t ORDER BY id;
COMMIT;
