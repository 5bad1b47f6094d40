-- name: acid-orders-cte-rollback
-- about: a rolled-back order and a failed one leave no rows but use up identity values 1 and 2: the next order gets 3
-- setup
CREATE TABLE orders (
order_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
status text NOT NULL,
created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE order_items (
order_id bigint NOT NULL REFERENCES orders(order_id),
sku text NOT NULL,
qty integer NOT NULL CHECK (qty > 0)
);
-- step psql
BEGIN;
WITH new_order AS (
INSERT INTO orders (status) VALUES ('pending') RETURNING order_id
)
INSERT INTO order_items (order_id, sku, qty)
SELECT order_id, 'A1', 2 FROM new_order;
ROLLBACK;
WITH new_order AS (
INSERT INTO orders (status) VALUES ('pending') RETURNING order_id
)
INSERT INTO order_items (order_id, sku, qty)
SELECT order_id, 'A1', 0 FROM new_order;
INSERT INTO orders (status) VALUES ('paid') RETURNING order_id, status;
SELECT count(*) FROM order_items;
