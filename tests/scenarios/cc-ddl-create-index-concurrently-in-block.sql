-- name: cc-ddl-create-index-concurrently-in-block
-- about: CREATE INDEX CONCURRENTLY is refused inside a transaction block (25001) and aborts it; outside it runs
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
CREATE INDEX CONCURRENTLY t_value_idx ON t (value);
ROLLBACK;
CREATE INDEX CONCURRENTLY t_value_idx ON t (value);
