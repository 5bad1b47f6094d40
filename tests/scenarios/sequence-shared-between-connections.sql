-- name: sequence-shared-between-connections
-- about: nextval is not transactional: alice's open transaction and bob's autocommit draw interleaved values
-- setup
CREATE SEQUENCE tickets;
-- step alice
BEGIN;
SELECT nextval('tickets');
-- step bob
SELECT nextval('tickets');
-- step alice
SELECT nextval('tickets');
ROLLBACK;
-- step bob
SELECT nextval('tickets');
SELECT currval('tickets');
-- step alice
SELECT currval('tickets');
