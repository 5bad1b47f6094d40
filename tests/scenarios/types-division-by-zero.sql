-- name: types-division-by-zero
-- about: division by zero is 22012 for integers and numerics alike, also inside an UPDATE
-- setup
CREATE TABLE r (a int, b int);
INSERT INTO r VALUES (10, 2), (5, 0);
-- step psql
SELECT 1 / 0;
SELECT 1.5 / 0;
SELECT 7 % 0;
SELECT a / b FROM r;
UPDATE r SET a = a / b;
SELECT a / NULLIF(b, 0) FROM r ORDER BY a;
