-- name: constraint-unique-multi-column
-- about: a two-column UNIQUE names both columns in DETAIL; rows with NULL never conflict
-- setup
CREATE TABLE seats (room text, seat int, holder text, UNIQUE (room, seat));
-- step psql
INSERT INTO seats VALUES ('A', 1, 'ann'), ('A', 2, 'bob'), ('B', 1, 'cy');
INSERT INTO seats VALUES ('A', 1, 'dan');
INSERT INTO seats VALUES ('C', NULL, 'eve'), ('C', NULL, 'fay');
SELECT * FROM seats ORDER BY room, seat, holder;
