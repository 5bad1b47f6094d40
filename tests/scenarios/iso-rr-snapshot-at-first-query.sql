-- name: iso-rr-snapshot-at-first-query
-- about: REPEATABLE READ takes its snapshot at the first query, not at BEGIN: bob's earlier commit is seen, his later one not
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
-- step bob
UPDATE t SET v = 'uno' WHERE id = 1;
-- step alice
SELECT * FROM t ORDER BY id;
-- step bob
UPDATE t SET v = 'eins' WHERE id = 1;
INSERT INTO t VALUES (3, 'three');
-- step alice
SELECT * FROM t ORDER BY id;
COMMIT;
SELECT * FROM t ORDER BY id;
