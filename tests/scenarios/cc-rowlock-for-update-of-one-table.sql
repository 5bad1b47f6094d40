-- name: cc-rowlock-for-update-of-one-table
-- about: SELECT ... FOR UPDATE OF a in a join locks only rows of a: bob can lock the joined row of b but waits for the row of a
-- needs: locks
-- setup
CREATE TABLE a (id int PRIMARY KEY, b_id int NOT NULL);
CREATE TABLE b (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO b VALUES (1, 'one');
INSERT INTO a VALUES (10, 1);
-- step alice
BEGIN;
SELECT a.id, b.name FROM a JOIN b ON b.id = a.b_id FOR UPDATE OF a;
-- step bob
BEGIN;
SELECT * FROM b WHERE id = 1 FOR UPDATE;
SELECT * FROM a WHERE id = 10 FOR UPDATE;
-- step alice
COMMIT;
-- step bob
COMMIT;
