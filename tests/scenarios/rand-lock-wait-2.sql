-- name: rand-lock-wait-2
-- about: FOR KEY SHARE of a range waits for a row its writer updated and then deleted (the DELETE, not the UPDATE, decides) (randomized differential test, seed 2100313, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (2, 20), (3, 30), (4, 40);
-- step carol
START TRANSACTION ISOLATION LEVEL READ COMMITTED;
UPDATE t SET v = v - 5 WHERE v > 30;
DELETE FROM t WHERE v > 30;
-- step bob
SELECT id, v FROM t WHERE id BETWEEN 1 AND 4 ORDER BY id FOR KEY SHARE;
-- step carol
COMMIT;
