-- name: sequence-not-rolled-back
-- about: sequence values taken by a rolled-back or failed insert are gone for good: ids get gaps
-- setup
CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL);
-- step psql
BEGIN;
INSERT INTO notes (body) VALUES ('a');
INSERT INTO notes (body) VALUES ('b');
ROLLBACK;
INSERT INTO notes (body) VALUES (NULL);
INSERT INTO notes (body) VALUES ('c');
SELECT * FROM notes;
