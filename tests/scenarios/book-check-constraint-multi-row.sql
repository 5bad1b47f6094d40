-- name: book-check-constraint-multi-row
-- about: a single UPDATE of every customer fails on Rubin, William and changes nothing at all
-- setup
CREATE TABLE customers (
    customer_id   integer PRIMARY KEY,
    customer_name varchar(50),
    phone         char(8),
    birth_date    date,
    balance       decimal(7,2)
);
INSERT INTO customers VALUES
    (1, 'Jones, Henry', '555-1212', '1970-10-10', 0.00),
    (2, 'Rubin, William', '555-2211', '1972-07-10', 15.00),
    (3, 'Panky, Henry', '555-1221', '1968-01-21', 0.00),
    (4, 'Wonderland, Alice N.', '555-1122', '1969-03-05', 3.00),
    (8, 'Wink Wankel', '555-1000', '1988-12-25', 0.00);
ALTER TABLE customers ADD CONSTRAINT balance_exceeded CHECK( balance <= 50 );
-- step movies
SELECT * FROM customers;
UPDATE customers SET balance = balance + 40;
SELECT * FROM customers;
