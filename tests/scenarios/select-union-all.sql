-- name: select-union-all
-- about: UNION ALL keeps duplicates, UNION removes them; column names come from the first branch
-- setup
CREATE TABLE a (x int, label text);
CREATE TABLE b (y int, tag text);
INSERT INTO a VALUES (1, 'one'), (2, 'two');
INSERT INTO b VALUES (2, 'two'), (3, 'three');
-- step psql
SELECT x, label FROM a UNION ALL SELECT y, tag FROM b ORDER BY 1, 2;
SELECT x, label FROM a UNION SELECT y, tag FROM b ORDER BY x;
SELECT x FROM a UNION ALL SELECT y, tag FROM b;
