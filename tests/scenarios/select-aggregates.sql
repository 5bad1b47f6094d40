-- name: select-aggregates
-- about: count, sum, avg, min, max on integers and numerics, over rows and over an empty set
-- setup
CREATE TABLE scores (player text, points int, ratio numeric(4,2));
INSERT INTO scores VALUES ('ann', 10, 0.50), ('bob', 15, 0.75), ('cy', 20, NULL), ('dan', 12, 0.33);
-- step psql
SELECT count(*), sum(points), avg(points), min(points), max(points) FROM scores;
SELECT sum(ratio), avg(ratio), count(ratio) FROM scores;
SELECT count(*), sum(points), avg(points), max(player) FROM scores WHERE points > 100;
SELECT sum(points) / count(*) AS int_division, sum(points)::numeric / count(*) AS exact FROM scores;
