-- name: savepoint-visible-to-others-only-after-commit
-- about: releasing a savepoint publishes nothing: another connection sees the rows only after COMMIT
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN;
SAVEPOINT a;
INSERT INTO t VALUES (3, 'three');
RELEASE SAVEPOINT a;
-- step bob
SELECT id FROM t ORDER BY id;
-- step alice
COMMIT;
-- step bob
SELECT id FROM t ORDER BY id;
