-- name: acid-set-local-timeouts
-- about: SET LOCAL lock_timeout and statement_timeout hold until the end of the transaction, then fall back
-- step psql
BEGIN;
SET LOCAL lock_timeout = '1s';
SET LOCAL statement_timeout = '5s';
SHOW lock_timeout;
SHOW statement_timeout;
COMMIT;
SHOW lock_timeout;
SHOW statement_timeout;
BEGIN;
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '10s';
ROLLBACK;
SHOW lock_timeout;
