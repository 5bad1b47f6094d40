-- name: constraint-foreign-key
-- about: a foreign key refuses unknown parents on INSERT/UPDATE and deleting or re-keying a referenced parent (23503)
-- setup
CREATE TABLE authors (id int PRIMARY KEY, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors, title text);
INSERT INTO authors VALUES (1, 'Austen'), (2, 'Brontë');
INSERT INTO books VALUES (10, 1, 'Emma');
-- step psql
INSERT INTO books VALUES (11, 3, 'Nobody');
UPDATE books SET author_id = 9 WHERE id = 10;
DELETE FROM authors WHERE id = 1;
UPDATE authors SET id = 5 WHERE id = 1;
INSERT INTO books VALUES (12, NULL, 'Anonymous');
DELETE FROM authors WHERE id = 2;
SELECT b.title, a.name FROM books b LEFT JOIN authors a ON a.id = b.author_id ORDER BY b.id;
