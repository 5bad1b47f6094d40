-- name: cc-rowlock-skip-locked-job-queue
-- about: a job queue: each worker takes the first free job with FOR UPDATE SKIP LOCKED LIMIT 1, so alice gets job 1 and bob job 2 without waiting
-- needs: locks
-- setup
CREATE TABLE jobs (id int PRIMARY KEY, payload text NOT NULL);
INSERT INTO jobs VALUES (1, 'a'), (2, 'b'), (3, 'c');
-- step alice
BEGIN;
SELECT * FROM jobs ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
-- step bob
BEGIN;
SELECT * FROM jobs ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
DELETE FROM jobs WHERE id = 2;
COMMIT;
-- step alice
DELETE FROM jobs WHERE id = 1;
COMMIT;
SELECT * FROM jobs ORDER BY id;
