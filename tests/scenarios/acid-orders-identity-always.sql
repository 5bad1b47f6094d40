-- name: acid-orders-identity-always
-- about: orders.order_id is GENERATED ALWAYS: an explicit id is refused (428C9) unless OVERRIDING SYSTEM VALUE
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
INSERT INTO orders (status) VALUES ('pending') RETURNING order_id, status;
INSERT INTO orders (order_id, status) VALUES (10, 'shipped');
INSERT INTO orders (order_id, status) OVERRIDING SYSTEM VALUE VALUES (10, 'shipped');
INSERT INTO orders (status) VALUES ('pending'), ('paid') RETURNING order_id;
UPDATE orders SET order_id = 20 WHERE order_id = 10;
SELECT order_id, status FROM orders ORDER BY order_id;
