-- name: acid-set-local-outside-block
-- about: SET LOCAL outside a transaction block only warns and has no effect; plain SET lasts for the session
-- step psql
SET LOCAL lock_timeout = '2s';
SHOW lock_timeout;
SET lock_timeout = '3s';
SHOW lock_timeout;
BEGIN;
SET LOCAL lock_timeout = '1s';
SHOW lock_timeout;
COMMIT;
SHOW lock_timeout;
RESET lock_timeout;
SHOW lock_timeout;
