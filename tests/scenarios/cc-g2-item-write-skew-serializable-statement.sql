-- name: cc-g2-item-write-skew-serializable-statement
-- about: G2-item at SERIALIZABLE when alice has already committed: bob's UPDATE itself fails with 40001, not his COMMIT
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
COMMIT;
-- step bob
UPDATE t SET value = 21 WHERE id = 2;
ROLLBACK;
SELECT * FROM t ORDER BY id;
