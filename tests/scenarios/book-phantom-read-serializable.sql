-- name: book-phantom-read-serializable
-- about: with SERIALIZABLE sheila sees no phantom: only data committed before her first query
-- setup
CREATE TABLE customers (
    customer_id   integer PRIMARY KEY,
    customer_name varchar(50),
    phone         char(8),
    birth_date    date,
    balance       decimal(7,2)
);
-- the order of the book's listing, which is the order rows come back in
INSERT INTO customers VALUES
    (3, 'Panky, Henry', '555-1221', '1968-01-21', 0.00),
    (1, 'Jones, Henry', '555-1212', '1970-10-10', 0.00),
    (4, 'Wonderland, Alice N.', '555-1122', '1969-03-05', 3.00),
    (2, 'Rubin, William', '555-2211', '1972-07-10', 15.00);
-- step bruce
BEGIN TRANSACTION;
-- step sheila
BEGIN TRANSACTION;
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM customers;
-- step bruce
INSERT INTO customers VALUES
(
  6,
  'Neville, Robert',
  '555-9999',
  '1971-03-20',
  0.00
);
COMMIT TRANSACTION;
-- step sheila
SELECT * FROM customers;
COMMIT TRANSACTION;
SELECT count(*) FROM customers;
