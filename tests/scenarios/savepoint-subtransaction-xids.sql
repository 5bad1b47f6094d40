-- name: savepoint-subtransaction-xids
-- about: rows written after a savepoint carry the subtransaction's own xid in xmin; txid_current() is the top-level xid
-- setup
CREATE TABLE t (id int PRIMARY KEY);
-- step psql
BEGIN;
INSERT INTO t VALUES (1);
SELECT txid_current();
SAVEPOINT a;
INSERT INTO t VALUES (2);
SAVEPOINT b;
INSERT INTO t VALUES (3);
RELEASE SAVEPOINT b;
SAVEPOINT c;
SELECT txid_current();
ROLLBACK TO SAVEPOINT c;
INSERT INTO t VALUES (4);
SELECT xmin, id FROM t ORDER BY id;
COMMIT;
SELECT xmin, id FROM t ORDER BY id;
