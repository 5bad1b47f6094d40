-- name: cc-ssi-read-write-false-positive
-- about: the same as cc-ssi-read-only-avoids-false-positive but carol is not declared READ ONLY: alice's UPDATE fails with 40001 though a serial order exists
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT value FROM t WHERE id = 1;
-- step carol
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT value FROM t WHERE id = 2;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET value = 11 WHERE id = 1;
COMMIT;
-- step alice
UPDATE t SET value = 21 WHERE id = 2;
ROLLBACK;
-- step carol
COMMIT;
