-- name: cc-fk-parent-nonkey-update-allows-child-insert
-- about: alice updates a parent's name (FOR NO KEY UPDATE); bob's child INSERT (FOR KEY SHARE) does not wait for it
-- needs: locks
-- setup
CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id));
INSERT INTO parent VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN;
UPDATE parent SET name = 'uno' WHERE id = 1;
-- step bob
INSERT INTO child VALUES (100, 1);
-- step alice
COMMIT;
SELECT p.name, c.id FROM parent p JOIN child c ON c.parent_id = p.id;
