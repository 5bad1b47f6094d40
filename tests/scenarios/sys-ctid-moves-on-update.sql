-- name: sys-ctid-moves-on-update
-- about: every UPDATE writes a new version at a new ctid, even one that changes nothing; a delete frees no ctid at once
-- setup
CREATE TABLE t (id int, v text);
INSERT INTO t VALUES (1, 'a'), (2, 'b');
-- step psql
UPDATE t SET v = v WHERE id = 1;
SELECT ctid, * FROM t ORDER BY id;
UPDATE t SET v = 'bb' WHERE id = 2;
UPDATE t SET v = 'bbb' WHERE id = 2;
SELECT ctid, * FROM t ORDER BY id;
DELETE FROM t WHERE id = 1;
INSERT INTO t VALUES (3, 'c');
SELECT ctid, * FROM t ORDER BY id;
