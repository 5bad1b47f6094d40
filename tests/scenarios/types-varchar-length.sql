-- name: types-varchar-length
-- about: varchar(n) refuses longer values (22001) but an explicit cast truncates; char(n) pads with spaces
-- setup
CREATE TABLE codes (code varchar(5), fixed char(4));
-- step psql
INSERT INTO codes VALUES ('toolong', 'ab');
INSERT INTO codes VALUES ('abcde', 'abcdef');
INSERT INTO codes VALUES ('abcde   ', 'ab  ');
INSERT INTO codes VALUES ('abc', 'ab');
SELECT code, fixed, length(fixed), fixed || '|' AS concat, octet_length(fixed) FROM codes ORDER BY code;
SELECT 'toolong'::varchar(5), 'ab'::char(4) = 'ab';
