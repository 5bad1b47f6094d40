-- name: cc-ssi-read-only-anomaly-without-report
-- about: the same deposit and batch close without carol's report: only one rw-dependency, so alice's deposit commits into the closed batch
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
-- step alice
COMMIT;
SELECT * FROM receipts ORDER BY id;
