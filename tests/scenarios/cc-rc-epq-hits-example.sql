-- name: cc-rc-epq-hits-example
-- about: READ COMMITTED, the manual's example: DELETE WHERE hits = 10 waits for UPDATE hits = hits + 1, re-checks only the row it found (now 10 -> 11) and deletes nothing, though the 9 became a 10
-- needs: locks
-- setup
CREATE TABLE website (url text PRIMARY KEY, hits int NOT NULL);
INSERT INTO website VALUES ('a.example', 9), ('b.example', 10);
-- step alice
BEGIN;
UPDATE website SET hits = hits + 1;
-- step bob
DELETE FROM website WHERE hits = 10;
-- step alice
COMMIT;
-- step bob
SELECT * FROM website ORDER BY url;
