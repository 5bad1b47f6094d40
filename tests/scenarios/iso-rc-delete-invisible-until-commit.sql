-- name: iso-rc-delete-invisible-until-commit
-- about: a row bob deletes stays visible to alice until bob commits; a rolled-back delete never shows
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step bob
BEGIN;
DELETE FROM t WHERE id = 1;
-- step alice
SELECT * FROM t ORDER BY id;
-- step bob
ROLLBACK;
BEGIN;
DELETE FROM t WHERE id = 2;
COMMIT;
-- step alice
SELECT * FROM t ORDER BY id;
