-- name: rand-delete-wait-2
-- about: READ COMMITTED: a DELETE that moved on to a newer version of its row waits for that version's updater without queueing on the tuple lock ("rechecking updated tuple"), so a later UPDATE of the row waits for the same updater, not behind the DELETE (cancelled here, as which of the two goes first when the updater rolls back is a race) (randomized differential test, seed 590000000345, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20), (3, 30), (4, 40);
-- step alice
BEGIN ISOLATION LEVEL READ COMMITTED;
-- step alice
UPDATE t SET v = v + 2 WHERE id BETWEEN 1 AND 5;
UPDATE t SET v = v - 3 WHERE v > 10;
SELECT id, v FROM t WHERE id = 4 FOR SHARE;
-- step carol
START TRANSACTION ISOLATION LEVEL READ COMMITTED;
UPDATE t SET v = v + 3 WHERE id = 1;
-- step bob
BEGIN;
-- step bob
DELETE FROM t WHERE id = 1;
-- step alice
SAVEPOINT s2;
-- step alice
COMMIT;
-- step alice
BEGIN;
-- step alice
INSERT INTO t VALUES (5, 40);
-- step alice
UPDATE t SET v = v + 2 WHERE id = 1;
-- step dave
SELECT b.application_name AS waiting, h.application_name AS blocked_by
FROM pg_stat_activity b JOIN pg_stat_activity h ON h.pid = ANY (pg_blocking_pids(b.pid))
ORDER BY 1, 2;
SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'alice';
-- step carol
ROLLBACK;
-- step bob
ROLLBACK;
-- step alice
ROLLBACK;
