-- name: acid-emails-without-savepoint
-- about: the same duplicate key without a savepoint: every later statement fails until ROLLBACK, which COMMIT turns into
-- setup
CREATE TABLE emails (
email text PRIMARY KEY
);
INSERT INTO emails (email) VALUES ('a@example.com');
-- step psql
BEGIN;
INSERT INTO emails (email) VALUES ('b@example.com');
INSERT INTO emails (email) VALUES ('a@example.com');
INSERT INTO emails (email) VALUES ('c@example.com');
COMMIT;
SELECT email FROM emails ORDER BY email;
