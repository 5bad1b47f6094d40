-- name: cc-ddl-create-database-in-block
-- about: CREATE DATABASE is refused inside a transaction block (25001), which leaves the block aborted
-- step alice
BEGIN;
CREATE DATABASE txlab_other;
SELECT 1;
ROLLBACK;
