-- name: rand-update-rows-2
-- about: UPDATE ... BETWEEN ... RETURNING after an INSERT: PostgreSQL's bitmap heap scan returns rows in heap order (randomized differential test, seed 2100082, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (5, 50);
-- step alice
INSERT INTO t VALUES (3, 60);
UPDATE t SET v = v + 5 WHERE id BETWEEN 1 AND 5 RETURNING id, v;
