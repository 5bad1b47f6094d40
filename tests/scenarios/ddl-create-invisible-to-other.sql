-- name: ddl-create-invisible-to-other
-- about: a table created in alice's open transaction does not exist for bob until alice commits
-- step alice
BEGIN;
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one');
-- step bob
SELECT * FROM t;
-- step alice
COMMIT;
-- step bob
SELECT * FROM t;
