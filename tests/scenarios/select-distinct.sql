-- name: select-distinct
-- about: DISTINCT over one and two columns and count(DISTINCT ...), NULL counting as one value
-- setup
CREATE TABLE visits (who text, page text);
INSERT INTO visits VALUES ('ann', 'home'), ('bob', 'home'), ('ann', 'home'),
    ('ann', 'shop'), (NULL, 'home'), (NULL, 'shop');
-- step psql
SELECT DISTINCT who FROM visits ORDER BY who;
SELECT DISTINCT who, page FROM visits ORDER BY who, page;
SELECT count(DISTINCT who), count(who), count(*) FROM visits;
