-- name: cc-fk-parent-delete-blocks-child-insert-rollback
-- about: a child INSERT referencing a parent row alice is deleting waits; she rolls back, so the INSERT succeeds
-- needs: locks
-- setup
CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id));
INSERT INTO parent VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN;
DELETE FROM parent WHERE id = 1;
-- step bob
INSERT INTO child VALUES (100, 1);
-- step alice
ROLLBACK;
-- step bob
SELECT * FROM child;
