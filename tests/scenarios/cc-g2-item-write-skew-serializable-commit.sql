-- name: cc-g2-item-write-skew-serializable-commit
-- about: G2-item at SERIALIZABLE, both still open when the cycle closes: the UPDATEs succeed, alice's COMMIT wins, bob's COMMIT fails with 40001
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM t WHERE id IN (1, 2) ORDER BY id;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM t WHERE id IN (1, 2) ORDER BY id;
-- step alice
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
UPDATE t SET value = 21 WHERE id = 2;
-- step alice
COMMIT;
-- step bob
COMMIT;
SELECT * FROM t ORDER BY id;
