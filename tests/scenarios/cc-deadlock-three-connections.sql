-- name: cc-deadlock-three-connections
-- about: alice waits for bob, bob for carol, and carol's UPDATE closes the cycle: carol is the victim, bob proceeds at once, alice after bob commits
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20), (3, 30);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
BEGIN;
UPDATE t SET value = 22 WHERE id = 2;
-- step carol
BEGIN;
UPDATE t SET value = 33 WHERE id = 3;
-- step alice
UPDATE t SET value = 12 WHERE id = 2;
-- step bob
UPDATE t SET value = 23 WHERE id = 3;
-- step carol
UPDATE t SET value = 31 WHERE id = 1;
-- step carol
ROLLBACK;
-- step bob
COMMIT;
-- step alice
COMMIT;
SELECT * FROM t ORDER BY id;
