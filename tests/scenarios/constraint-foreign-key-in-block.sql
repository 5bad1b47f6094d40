-- name: constraint-foreign-key-in-block
-- about: inside one block a child may reference a parent inserted just before; a FK error aborts the block
-- setup
CREATE TABLE authors (id int PRIMARY KEY, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int NOT NULL REFERENCES authors (id), title text);
-- step psql
BEGIN;
INSERT INTO authors VALUES (1, 'Austen');
INSERT INTO books VALUES (10, 1, 'Emma');
INSERT INTO books VALUES (11, 2, 'Shirley');
INSERT INTO authors VALUES (2, 'Brontë');
COMMIT;
SELECT count(*) FROM books;
