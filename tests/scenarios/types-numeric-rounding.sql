-- name: types-numeric-rounding
-- about: numeric(p,s) rounds half away from zero to its scale and refuses values that do not fit (22003)
-- setup
CREATE TABLE m (amount numeric(5,2));
-- step psql
INSERT INTO m VALUES (1.005), (2.004), (-1.005), (999.994);
INSERT INTO m VALUES (999.995);
INSERT INTO m VALUES (12345);
SELECT amount FROM m ORDER BY amount;
SELECT 1.005::numeric(5,2), 0.5::numeric(3,0), 2.5::int, 3.5::int, (-2.5)::int;
SELECT round(2.345, 2), 10::numeric / 3, 1.0 / 8, 100 * 1.10;
