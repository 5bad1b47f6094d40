-- name: constraint-check
-- about: CHECK violations are 23514 naming the constraint (generated or given name) with the failing row
-- setup
CREATE TABLE items (
    sku text PRIMARY KEY,
    qty integer NOT NULL CHECK (qty > 0),
    price numeric(8,2) CONSTRAINT price_positive CHECK (price >= 0)
);
-- step psql
INSERT INTO items VALUES ('A1', 0, 1.00);
INSERT INTO items VALUES ('A1', 1, -1);
INSERT INTO items VALUES ('A1', 1, NULL);
UPDATE items SET qty = qty - 1;
SELECT * FROM items;
