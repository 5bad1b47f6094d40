-- name: ddl-create-index-and-drop-column
-- about: CREATE INDEX, its duplicate name (42P07), DROP COLUMN and the error for the dropped column
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
CREATE INDEX t_v_idx ON t (v);
CREATE INDEX t_v_idx ON t (id);
ALTER TABLE t DROP COLUMN v;
SELECT * FROM t ORDER BY id;
SELECT v FROM t;
DROP INDEX IF EXISTS t_v_idx;
