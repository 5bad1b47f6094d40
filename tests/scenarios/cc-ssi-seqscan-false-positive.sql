-- name: cc-ssi-seqscan-false-positive
-- about: SERIALIZABLE: the same disjoint updates found through an unindexed column read the whole table, so the relation-level predicate locks conflict and bob's COMMIT fails
-- needs: locks
-- setup
CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance int NOT NULL);
INSERT INTO accounts VALUES (1, 'alice', 100), (2, 'bob', 100);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT balance FROM accounts WHERE owner = 'alice';
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT balance FROM accounts WHERE owner = 'bob';
-- step alice
UPDATE accounts SET balance = balance - 10 WHERE owner = 'alice';
-- step bob
UPDATE accounts SET balance = balance - 10 WHERE owner = 'bob';
-- step alice
COMMIT;
-- step bob
COMMIT;
SELECT * FROM accounts ORDER BY id;
