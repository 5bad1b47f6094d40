-- name: cc-g2-two-edges-serializable
-- about: G2 with two anti-dependency edges at SERIALIZABLE: bob commits a change alice did not see, carol reads it and commits, then alice's write fails
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM t ORDER BY id;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET value = value + 5 WHERE id = 2;
COMMIT;
-- step carol
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM t ORDER BY id;
COMMIT;
-- step alice
UPDATE t SET value = 0 WHERE id = 1;
ROLLBACK;
