-- name: txn-set-transaction-outside-block
-- about: SET TRANSACTION outside a block only warns (25P01) and changes nothing
-- step psql
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SHOW transaction_isolation;
SET TRANSACTION READ ONLY;
SHOW transaction_read_only;
