-- name: cc-fk-child-insert-allows-parent-nonkey-update
-- about: a child INSERT's FOR KEY SHARE lock does not conflict with FOR NO KEY UPDATE: updating the parent's name does not wait
-- needs: locks
-- setup
CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id));
INSERT INTO parent VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN;
INSERT INTO child VALUES (100, 1);
-- step bob
UPDATE parent SET name = 'uno' WHERE id = 1;
-- step alice
COMMIT;
SELECT p.name, c.id FROM parent p JOIN child c ON c.parent_id = p.id;
