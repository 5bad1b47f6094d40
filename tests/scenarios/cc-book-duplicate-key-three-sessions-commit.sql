-- name: cc-book-duplicate-key-three-sessions-commit
-- about: the book's duplicate-key experiment with a third session: session2 and session3 both wait on session1's customer 5, and both get 23505 when it commits
-- needs: locks
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
    (4, 'Wonderland, Alice N.', '555-1122', '1969-03-05', 3.00);
-- step session1
BEGIN WORK;
INSERT INTO customers VALUES
 ( 5, 'Manyjars, John', '555-8000', '1960-04-02', 0 );
-- step session2
BEGIN WORK;
INSERT INTO customers VALUES
 ( 5, 'Gomez, John', '555-8000', '1960-04-02', 0 );
-- step session3
BEGIN WORK;
INSERT INTO customers VALUES
 ( 5, 'Doe, Jane', '555-8002', '1960-04-02', 0 );
-- step session1
COMMIT;
-- step session2
ROLLBACK;
-- step session3
ROLLBACK;
SELECT customer_id, customer_name FROM customers WHERE customer_id = 5;
