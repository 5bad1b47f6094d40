-- name: cc-vacuum-rc-idle-transaction-does-not-hold
-- about: an idle READ COMMITTED transaction holds no snapshot between statements: VACUUM removes the row bob deleted and his next insert reuses its ctid
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT count(*) FROM t;
-- step bob
DELETE FROM t WHERE id = 2;
VACUUM t;
INSERT INTO t VALUES (3, 30);
SELECT ctid, * FROM t ORDER BY id;
-- step alice
SELECT count(*) FROM t;
COMMIT;
