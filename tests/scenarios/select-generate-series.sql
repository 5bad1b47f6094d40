-- name: select-generate-series
-- about: generate_series in FROM (with and without a column alias) and in the SELECT list, filling a table with it, and its errors
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
-- step psql
INSERT INTO t SELECT i, 'v' || i FROM generate_series(1, 4) i;
SELECT * FROM generate_series(1, 3) AS g(n);
SELECT * FROM generate_series(5, 1, -2);
SELECT generate_series(1, 2) AS a, generate_series(1, 3) AS b;
SELECT * FROM generate_series('2024-01-01'::timestamp, '2024-01-02', '12 hours');
SELECT count(*), sum(id) FROM t;
SELECT * FROM generate_series(1, 3, 0);
