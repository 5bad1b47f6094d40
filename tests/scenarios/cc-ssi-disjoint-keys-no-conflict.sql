-- name: cc-ssi-disjoint-keys-no-conflict
-- about: SERIALIZABLE: two transactions read and update different rows found through the primary key; fine-grained predicate locks mean no conflict, both commit
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT value FROM t WHERE id = 1;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT value FROM t WHERE id = 2;
-- step alice
UPDATE t SET value = value + 1 WHERE id = 1;
-- step bob
UPDATE t SET value = value + 1 WHERE id = 2;
-- step alice
COMMIT;
-- step bob
COMMIT;
SELECT * FROM t ORDER BY id;
