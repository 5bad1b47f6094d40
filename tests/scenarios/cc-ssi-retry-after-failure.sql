-- name: cc-ssi-retry-after-failure
-- about: SERIALIZABLE write skew: bob's COMMIT fails with 40001; retrying the same transaction sees alice's change and commits
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
UPDATE doctors SET on_call = false WHERE name = 'bob';
-- step alice
UPDATE doctors SET on_call = false WHERE name = 'alice';
COMMIT;
-- step bob
COMMIT;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT count(*) FROM doctors WHERE on_call;
COMMIT;
SELECT * FROM doctors ORDER BY name;
