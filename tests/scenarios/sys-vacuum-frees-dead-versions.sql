-- name: sys-vacuum-frees-dead-versions
-- about: after VACUUM, space of dead versions is reused: the next insert lands on a freed ctid
-- setup
CREATE TABLE t (id int, v text);
INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');
-- step psql
DELETE FROM t WHERE id = 2;
VACUUM t;
INSERT INTO t VALUES (4, 'd');
SELECT ctid, * FROM t ORDER BY id;
