-- name: rand-lock-chain-1
-- about: FOR KEY SHARE of a version whose committed update left the key alone walks the update chain and waits for the running DELETE of the newer version (history cross-check, seed 560000000022, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (1, 10);
-- step carol
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT xmin, id, v FROM t WHERE id BETWEEN 1 AND 5 ORDER BY id;
-- step bob
UPDATE t SET v = v + 1 WHERE id = 1 RETURNING xmin, id, v;
-- step carol
DELETE FROM t WHERE id = 1 RETURNING xmin, id, v;
-- step alice
SELECT xmin, id, v FROM t WHERE id BETWEEN 1 AND 1 ORDER BY id FOR KEY SHARE;
-- step carol
ROLLBACK;
-- step alice
COMMIT;
