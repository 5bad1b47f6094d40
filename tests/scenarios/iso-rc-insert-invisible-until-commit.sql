-- name: iso-rc-insert-invisible-until-commit
-- about: rows bob inserts in an open transaction are invisible to alice's count until bob commits
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step bob
BEGIN;
INSERT INTO t VALUES (3, 'three'), (4, 'four');
SELECT count(*) FROM t;
-- step alice
SELECT count(*) FROM t;
-- step bob
COMMIT;
-- step alice
SELECT count(*) FROM t;
