-- name: book-savepoint-reuse-name
-- about: a second SAVEPOINT P1 hides the first; ROLLBACK TO goes to the newest, RELEASE uncovers the older one
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
-- step movies
BEGIN;
SAVEPOINT P1;
INSERT INTO customers VALUES( 5, 'Kemp, Hans' );
SAVEPOINT P1;
INSERT INTO customers VALUES( 6, 'Falkstein, Gerhard' );
ROLLBACK TO SAVEPOINT P1;
SELECT customer_id, customer_name FROM customers;
RELEASE SAVEPOINT P1;
ROLLBACK TO SAVEPOINT P1;
SELECT customer_id, customer_name FROM customers;
COMMIT;
