-- name: txn-commit-and-chain
-- about: COMMIT AND CHAIN commits and at once starts a new block with the same isolation level
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN ISOLATION LEVEL REPEATABLE READ;
INSERT INTO t VALUES (3, 'three');
COMMIT AND CHAIN;
SHOW transaction_isolation;
INSERT INTO t VALUES (4, 'four');
ROLLBACK AND CHAIN;
SHOW transaction_isolation;
COMMIT;
SELECT id FROM t ORDER BY id;
