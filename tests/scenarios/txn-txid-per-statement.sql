-- name: txn-txid-per-statement
-- about: every autocommit statement that needs an xid gets a new one; inside a block txid_current() stays the same
-- step psql
SELECT txid_current();
SELECT txid_current();
BEGIN;
SELECT txid_current_if_assigned();
SELECT txid_current();
SELECT txid_current();
SELECT txid_current_if_assigned();
COMMIT;
SELECT txid_current();
