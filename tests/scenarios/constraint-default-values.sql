-- name: constraint-default-values
-- about: column DEFAULTs: omitted columns, the DEFAULT keyword, DEFAULT VALUES, and NULL when there is no default
-- setup
CREATE TABLE tasks (
    id serial PRIMARY KEY,
    title text DEFAULT 'untitled',
    done boolean NOT NULL DEFAULT false,
    prio int DEFAULT 3 CHECK (prio BETWEEN 1 AND 5),
    note text
);
-- step psql
INSERT INTO tasks (title) VALUES ('write');
INSERT INTO tasks VALUES (DEFAULT, DEFAULT, true, DEFAULT, 'x');
INSERT INTO tasks DEFAULT VALUES;
INSERT INTO tasks (title, prio) VALUES ('urgent', 1), ('later', DEFAULT);
UPDATE tasks SET prio = DEFAULT, note = DEFAULT WHERE id = 2;
SELECT * FROM tasks ORDER BY id;
