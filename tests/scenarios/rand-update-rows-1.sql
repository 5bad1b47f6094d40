-- name: rand-update-rows-1
-- about: UPDATE ... BETWEEN ... RETURNING after a HOT update: rows in the order of the index entries' heap TIDs (the chain root keeps its place) (randomized differential test, seed 1100023, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (1, 10), (5, 50);
-- step bob
UPDATE t SET v = v + 1 WHERE id = 1;
UPDATE t SET v = v + 3 WHERE id BETWEEN 1 AND 5 RETURNING id, v;
