-- name: txn-show-isolation-levels
-- about: SHOW transaction_isolation in each level; READ UNCOMMITTED is accepted and shown as such
-- step psql
SHOW transaction_isolation;
BEGIN ISOLATION LEVEL READ UNCOMMITTED;
SHOW transaction_isolation;
COMMIT;
BEGIN ISOLATION LEVEL READ COMMITTED;
SHOW transaction_isolation;
COMMIT;
BEGIN ISOLATION LEVEL REPEATABLE READ;
SHOW transaction_isolation;
COMMIT;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SHOW transaction_isolation;
COMMIT;
SHOW TRANSACTION ISOLATION LEVEL;
SELECT current_setting('transaction_isolation');
