-- name: constraint-serial
-- about: a serial column takes nextval of its own sequence; currval and the sequence name are visible
-- setup
CREATE TABLE notes (id serial PRIMARY KEY, body text);
-- step psql
SELECT currval('notes_id_seq');
INSERT INTO notes (body) VALUES ('a'), ('b') RETURNING id;
SELECT currval('notes_id_seq');
SELECT nextval('notes_id_seq');
INSERT INTO notes (body) VALUES ('c') RETURNING id, body;
INSERT INTO notes VALUES (DEFAULT, 'd');
SELECT * FROM notes ORDER BY id;
