-- name: lock-serializable-write-skew
-- about: SERIALIZABLE: two doctors each check someone else is on call and go off; the second COMMIT fails with 40001
-- needs: locks
-- setup
CREATE TABLE doctors (name text PRIMARY KEY, on_call boolean NOT NULL);
INSERT INTO doctors VALUES ('alice', true), ('bob', true);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT count(*) FROM doctors WHERE on_call;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT count(*) FROM doctors WHERE on_call;
-- step alice
UPDATE doctors SET on_call = false WHERE name = 'alice';
-- step bob
UPDATE doctors SET on_call = false WHERE name = 'bob';
-- step alice
COMMIT;
-- step bob
COMMIT;
SELECT * FROM doctors ORDER BY name;
