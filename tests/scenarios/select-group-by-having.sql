-- name: select-group-by-having
-- about: GROUP BY with HAVING, ORDER BY an aggregate, and the error for an ungrouped column
-- setup
CREATE TABLE sales (region text, product text, amount numeric(8,2));
INSERT INTO sales VALUES ('north', 'tea', 10.00), ('north', 'coffee', 25.50), ('south', 'tea', 7.25),
    ('south', 'tea', 3.00), ('east', 'coffee', 40.00), ('north', 'tea', 5.00);
-- step psql
SELECT region, count(*), sum(amount) FROM sales GROUP BY region ORDER BY region;
SELECT region, sum(amount) AS total FROM sales GROUP BY region HAVING sum(amount) > 20 ORDER BY total DESC;
SELECT product, region, count(*) FROM sales GROUP BY product, region ORDER BY 1, 2;
SELECT region, product FROM sales GROUP BY region;
