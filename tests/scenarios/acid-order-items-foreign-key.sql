-- name: acid-order-items-foreign-key
-- about: the FK from order_items to orders refuses an unknown order and the deletion of an order that has items
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
INSERT INTO orders (status) VALUES ('pending');
INSERT INTO order_items VALUES (1, 'A1', 2);
-- step psql
INSERT INTO order_items (order_id, sku, qty) VALUES (99, 'Z9', 1);
DELETE FROM orders WHERE order_id = 1;
UPDATE order_items SET order_id = 2 WHERE sku = 'A1';
DELETE FROM order_items WHERE order_id = 1;
DELETE FROM orders WHERE order_id = 1;
