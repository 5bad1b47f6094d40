-- name: rand-lock-nowait-1
-- about: FOR KEY SHARE NOWAIT of a row updated then deleted by a running transaction waits in PostgreSQL 15: following the update chain ignores NOWAIT (randomized differential test, seed 4100277, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30);
-- step carol
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET v = v + 5 WHERE id BETWEEN 3 AND 3;
DELETE FROM t WHERE id = 3;
-- step alice
SELECT id, v FROM t WHERE id BETWEEN 3 AND 3 ORDER BY id FOR KEY SHARE NOWAIT;
-- step carol
ROLLBACK;
