-- name: cc-ssi-pg-locks-siread
-- about: pg_locks shows SERIALIZABLE transactions' SIREAD locks: index scans lock the index leaf page and each row read, three rows on one heap page become a page lock, a sequential scan locks the relation, and a committed transaction's locks stay while a transaction that overlapped it runs
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t SELECT g, g * 10 FROM generate_series(1, 5) g;
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM t WHERE id = 2;
-- step carol
SELECT a.application_name, l.locktype, l.relation::regclass, l.page, l.tuple, l.granted
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.mode = 'SIReadLock' ORDER BY 1, 2, 3, 4, 5;
-- step alice
SELECT * FROM t WHERE id BETWEEN 3 AND 4;
-- step carol
SELECT a.application_name, l.locktype, l.relation::regclass, l.page, l.tuple, l.granted
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.mode = 'SIReadLock' ORDER BY 1, 2, 3, 4, 5;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT count(*) FROM t;
-- step alice
UPDATE t SET v = 0 WHERE id = 1;
COMMIT;
-- step carol
SELECT a.application_name, l.locktype, l.relation::regclass, l.page, l.tuple, l.granted
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.mode = 'SIReadLock' ORDER BY 1, 2, 3, 4, 5;
-- step bob
COMMIT;
-- step carol
SELECT count(*) FROM pg_locks WHERE mode = 'SIReadLock';
