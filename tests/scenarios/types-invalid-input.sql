-- name: types-invalid-input
-- about: text that is no valid value of the type is 22P02 with the position of the literal
-- setup
CREATE TABLE t (id int, amount numeric(8,2), ok boolean, d date);
-- step psql
SELECT 'abc'::int;
SELECT '12.5'::int;
INSERT INTO t VALUES ('x', 1, true, '2024-01-01');
INSERT INTO t VALUES (1, 'ten', true, '2024-01-01');
INSERT INTO t VALUES (1, 10, 'maybe', '2024-01-01');
INSERT INTO t VALUES ('1', '10', 'yes', '2024-01-01') RETURNING *;
SELECT ' 42 '::int, '1e3'::numeric, 'on'::boolean, 'f'::boolean;
