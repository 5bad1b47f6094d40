-- name: types-dates
-- about: date literals, out-of-range and malformed dates (22008, 22007), date arithmetic and comparison
-- setup
CREATE TABLE d (day date);
-- step psql
SELECT '2024-02-29'::date, date '1970-10-10' + 30, '2024-03-01'::date - '2024-02-01'::date;
SELECT '2023-02-29'::date;
SELECT 'yesterday-ish'::date;
INSERT INTO d VALUES ('2024-13-01');
INSERT INTO d VALUES ('1988-12-25'), ('1968-01-21');
SELECT day, day < '1970-01-01' AS before_1970 FROM d ORDER BY day;
SELECT extract(year FROM date '1972-07-10'), date_part('month', date '1972-07-10');
