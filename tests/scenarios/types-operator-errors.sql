-- name: types-operator-errors
-- about: missing operators and functions (42883) give a HINT about casts; mismatched column types give 42804
-- setup
CREATE TABLE t (id int, name text, born date);
-- step psql
SELECT 'a'::text + 1;
SELECT nosuchfunc(1);
SELECT length(42);
INSERT INTO t (born) VALUES (42);
SELECT id FROM t WHERE name = 5;
SELECT 1 + '2', '3' || 4;
