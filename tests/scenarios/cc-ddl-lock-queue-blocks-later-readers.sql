-- name: cc-ddl-lock-queue-blocks-later-readers
-- about: lock queue: ALTER TABLE waits for alice's open read, and carol's plain SELECT queues behind the ALTER though it does not conflict with alice
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT count(*) FROM t;
-- step bob
ALTER TABLE t ADD COLUMN note text;
-- step carol
SELECT * FROM t ORDER BY id;
-- step alice
COMMIT;
