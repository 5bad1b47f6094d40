-- name: txn-isolation-after-first-query
-- about: SET TRANSACTION ISOLATION LEVEL must come before the first query of the block (25001), which that error aborts
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
SELECT count(*) FROM t;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
SHOW transaction_isolation;
ROLLBACK;
BEGIN;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SHOW transaction_isolation;
SELECT count(*) FROM t;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
ROLLBACK;
