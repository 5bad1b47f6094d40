-- name: acid-exercise-savepoint
-- about: exercise 2 - a failing insert after SAVEPOINT s, ROLLBACK TO SAVEPOINT s, insert c@example.com, COMMIT
-- setup
CREATE TABLE emails (
email text PRIMARY KEY
);
INSERT INTO emails (email) VALUES ('a@example.com'), ('b@example.com');
-- step psql
BEGIN;
SAVEPOINT s;
INSERT INTO emails (email) VALUES ('a@example.com');
ROLLBACK TO SAVEPOINT s;
INSERT INTO emails (email) VALUES ('c@example.com');
COMMIT;
SELECT email FROM emails ORDER BY email;
