-- name: cc-pmp-predicate-read-rc
-- about: PMP at READ COMMITTED: alice's second predicate read sees a row bob inserted and committed after her first one
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT * FROM t WHERE value = 30;
-- step bob
BEGIN;
INSERT INTO t VALUES (3, 30);
COMMIT;
-- step alice
SELECT * FROM t WHERE value % 3 = 0;
COMMIT;
