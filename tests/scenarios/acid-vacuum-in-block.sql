-- name: acid-vacuum-in-block
-- about: VACUUM is refused inside a transaction block (25001), which leaves it aborted; outside it runs
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
VACUUM public.orders;
COMMIT;
VACUUM public.orders;
VACUUM ANALYZE orders;
