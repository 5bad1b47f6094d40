-- name: types-integer-overflow
-- about: integer arithmetic and storage out of range is 22003; bigint and numeric carry on
-- setup
CREATE TABLE n (i int, s smallint, b bigint);
-- step psql
SELECT 2147483647 + 1;
SELECT 2147483647::bigint + 1;
SELECT 2147483648;
INSERT INTO n (i) VALUES (3000000000);
INSERT INTO n (s) VALUES (40000);
INSERT INTO n VALUES (1, 2, 9223372036854775807);
UPDATE n SET b = b + 1;
SELECT (-32768)::smallint, 32768::smallint;
SELECT i, s, b FROM n;
