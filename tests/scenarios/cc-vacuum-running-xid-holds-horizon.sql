-- name: cc-vacuum-running-xid-holds-horizon
-- about: alice's open transaction took an xid before bob's DELETE: even at READ COMMITTED, with no snapshot held, VACUUM may not remove the row yet
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
INSERT INTO t VALUES (3, 30);
-- step bob
DELETE FROM t WHERE id = 2;
VACUUM t;
INSERT INTO t VALUES (4, 40);
SELECT ctid, * FROM t ORDER BY id;
-- step alice
COMMIT;
-- step bob
VACUUM t;
INSERT INTO t VALUES (5, 50);
SELECT ctid, * FROM t ORDER BY id;
