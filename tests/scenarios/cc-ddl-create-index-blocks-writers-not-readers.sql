-- name: cc-ddl-create-index-blocks-writers-not-readers
-- about: CREATE INDEX takes SHARE: it runs beside an open reader, but waits for an open writer
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT count(*) FROM t;
-- step bob
CREATE INDEX t_value_idx ON t (value);
-- step alice
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
CREATE INDEX t_value_id_idx ON t (value, id);
-- step alice
COMMIT;
