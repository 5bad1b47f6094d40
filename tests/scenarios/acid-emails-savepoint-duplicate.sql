-- name: acid-emails-savepoint-duplicate
-- about: the tutorial's example 2: a duplicate key after SAVEPOINT s1, ROLLBACK TO SAVEPOINT s1, go on and COMMIT
-- step psql
DROP TABLE IF EXISTS emails;
CREATE TABLE emails (
email text PRIMARY KEY
);
INSERT INTO emails (email) VALUES ('a@example.com');
BEGIN;
SAVEPOINT s1;
-- This will fail (duplicate primary key)
INSERT INTO emails (email) VALUES ('a@example.com');
-- Recover without losing the whole transaction
ROLLBACK TO SAVEPOINT s1;
-- Continue doing useful work
INSERT INTO emails (email) VALUES ('b@example.com');
COMMIT;
SELECT email FROM emails ORDER BY email;
