-- name: ddl-alter-committed-visible-to-other
-- about: once alice commits ALTER TABLE ... ADD COLUMN, bob's next query sees the new column
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step alice
ALTER TABLE t ADD COLUMN note text;
UPDATE t SET note = 'hi' WHERE id = 1;
-- step bob
SELECT * FROM t ORDER BY id;
