-- name: cc-table-lock-outside-block
-- about: LOCK TABLE outside a transaction block is refused with 25P01: the lock would be released at once
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
LOCK TABLE t IN SHARE MODE;
LOCK t;
