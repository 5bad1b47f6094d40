-- name: select-nulls-and-expressions
-- about: NULL shown as empty, IS NULL, COALESCE, CASE, string functions, ?column? names of unnamed expressions, a value with a newline, and zero columns
-- step psql
SELECT 1 + 1, 'a' || 'b', NULL, 2 > 1 AS bigger;
SELECT NULL = NULL AS eq, NULL IS NULL AS is_null, coalesce(NULL, 'fallback') AS c;
SELECT CASE WHEN 3 > 2 THEN 'yes' ELSE 'no' END, upper('abc'), length('héllo'), lower('MiXeD') AS l;
SELECT 7 / 2 AS int_div, 7 % 2 AS modulo, 7 / 2.0 AS num_div, -7 / 2 AS neg;
SELECT E'two\nlines' AS text, 'one line' AS other;
SELECT;
