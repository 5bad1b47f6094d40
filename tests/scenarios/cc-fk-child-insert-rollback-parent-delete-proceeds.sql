-- name: cc-fk-child-insert-rollback-parent-delete-proceeds
-- about: a child INSERT makes DELETE of its parent wait; the child's transaction rolls back and the DELETE goes through
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
ROLLBACK;
-- step bob
SELECT * FROM parent ORDER BY id;
