-- name: cc-otv-observed-transaction-vanishes-rc
-- about: OTV at READ COMMITTED: carol sees alice's committed writes, and they do not vanish while bob, who waited on alice, writes over them
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
UPDATE t SET value = 19 WHERE id = 2;
-- step bob
BEGIN;
UPDATE t SET value = 12 WHERE id = 1;
-- step carol
BEGIN;
SELECT value FROM t WHERE id = 1;
-- step alice
COMMIT;
-- step carol
SELECT value FROM t WHERE id = 1;
-- step bob
UPDATE t SET value = 18 WHERE id = 2;
-- step carol
SELECT value FROM t WHERE id = 2;
-- step bob
COMMIT;
-- step carol
SELECT * FROM t ORDER BY id;
COMMIT;
