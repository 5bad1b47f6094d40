-- name: iso-serializable-read-only-reader
-- about: two SERIALIZABLE transactions where only one writes commit fine; the reader keeps its snapshot
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT count(*) FROM t;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
INSERT INTO t VALUES (3, 'three');
COMMIT;
-- step alice
SELECT count(*) FROM t;
COMMIT;
SELECT count(*) FROM t;
