-- name: cc-vacuum-rr-snapshot-keeps-dead-version
-- about: VACUUM cannot remove a row bob deleted while alice's REPEATABLE READ snapshot can still see it: his next insert gets a new ctid, and alice still reads the old version
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT ctid, * FROM t ORDER BY id;
-- step bob
DELETE FROM t WHERE id = 2;
VACUUM t;
INSERT INTO t VALUES (3, 30);
SELECT ctid, * FROM t ORDER BY id;
-- step alice
SELECT ctid, xmax <> '0' AS deleted, * FROM t ORDER BY id;
COMMIT;
