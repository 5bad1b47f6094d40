-- name: acid-exercise-timeouts
-- about: exercise 3 - transaction-local lock_timeout and statement_timeout; a bad value is an error
-- step psql
BEGIN;
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '10s';
COMMIT;
BEGIN;
SET LOCAL lock_timeout = 'soon';
ROLLBACK;
SET LOCAL statement_timeout TO 1000;
