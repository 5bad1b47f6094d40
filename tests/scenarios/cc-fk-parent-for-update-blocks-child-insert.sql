-- name: cc-fk-parent-for-update-blocks-child-insert
-- about: SELECT ... FOR UPDATE on a parent row conflicts with the FOR KEY SHARE of a child INSERT: the INSERT waits until COMMIT
-- needs: locks
-- setup
CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id));
INSERT INTO parent VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN;
SELECT * FROM parent WHERE id = 1 FOR UPDATE;
-- step bob
INSERT INTO child VALUES (100, 1);
-- step alice
COMMIT;
-- step bob
SELECT * FROM child;
