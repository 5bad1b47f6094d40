-- name: cc-ssi-read-only-avoids-false-positive
-- about: SERIALIZABLE: carol, declared READ ONLY, took her snapshot before bob committed, so the rw-chain carol -> alice -> bob is safe and alice's UPDATE succeeds
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT value FROM t WHERE id = 1;
-- step carol
BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY;
SELECT value FROM t WHERE id = 2;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET value = 11 WHERE id = 1;
COMMIT;
-- step alice
UPDATE t SET value = 21 WHERE id = 2;
COMMIT;
-- step carol
COMMIT;
