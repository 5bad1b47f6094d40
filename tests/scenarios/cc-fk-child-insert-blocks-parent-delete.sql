-- name: cc-fk-child-insert-blocks-parent-delete
-- about: a child INSERT holds FOR KEY SHARE on its parent: DELETE of that parent waits and, after the child commits, fails with 23503
-- needs: locks
-- setup
CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id));
INSERT INTO parent VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN;
INSERT INTO child VALUES (100, 1);
-- step bob
DELETE FROM parent WHERE id = 1;
-- step alice
COMMIT;
-- step bob
SELECT * FROM parent ORDER BY id;
