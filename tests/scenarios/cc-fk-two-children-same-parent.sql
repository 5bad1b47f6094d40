-- name: cc-fk-two-children-same-parent
-- about: two transactions insert children of the same parent at once: both FOR KEY SHARE locks are granted together, nobody waits
-- needs: locks
-- setup
CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id));
INSERT INTO parent VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN;
INSERT INTO child VALUES (100, 1);
-- step bob
BEGIN;
INSERT INTO child VALUES (200, 1);
COMMIT;
-- step alice
COMMIT;
SELECT * FROM child ORDER BY id;
