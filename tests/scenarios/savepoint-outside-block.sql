-- name: savepoint-outside-block
-- about: SAVEPOINT, RELEASE SAVEPOINT and ROLLBACK TO SAVEPOINT outside a block are errors (25P01), not warnings
-- step psql
SAVEPOINT a;
RELEASE SAVEPOINT a;
ROLLBACK TO SAVEPOINT a;
ROLLBACK TO a;
RELEASE a;
