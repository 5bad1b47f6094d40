-- name: cc-ssi-read-only-anomaly
-- about: SERIALIZABLE read-only anomaly: carol's report reads the closed batch without alice's receipt, so alice's deposit (the pivot) can no longer commit
-- needs: locks
-- setup
CREATE TABLE control (id int PRIMARY KEY, batch int NOT NULL);
CREATE TABLE receipts (id int PRIMARY KEY, batch int NOT NULL, amount int NOT NULL);
INSERT INTO control VALUES (1, 1);
INSERT INTO receipts VALUES (1, 1, 100);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT batch FROM control WHERE id = 1;
INSERT INTO receipts VALUES (2, 1, 50);
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE control SET batch = batch + 1 WHERE id = 1;
COMMIT;
-- step carol
BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY;
SELECT batch FROM control WHERE id = 1;
SELECT sum(amount) FROM receipts WHERE batch = 1;
COMMIT;
-- step alice
COMMIT;
SELECT * FROM receipts ORDER BY id;
