-- name: types-boolean-and-text
-- about: boolean prints as t and f, text keeps spaces and quotes, casts to text and back
-- setup
CREATE TABLE flags (name text, on_off boolean);
INSERT INTO flags VALUES ('a', true), ('b', false), ('c', NULL), (' spaced ', 'yes'), ('it''s', 'no');
-- step psql
SELECT name, on_off, NOT on_off AS negated FROM flags ORDER BY name;
SELECT count(*) FILTER (WHERE on_off), bool_and(on_off), bool_or(on_off) FROM flags;
SELECT 42::text, '42'::int + 1, true::text, 3.50::text;
