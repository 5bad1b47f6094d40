-- name: ddl-add-constraint-existing-rows
-- about: adding a CHECK, UNIQUE or NOT NULL that existing rows break fails, naming the constraint or the duplicate
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
INSERT INTO t VALUES (3, 'two'), (4, NULL);
-- step psql
ALTER TABLE t ADD CONSTRAINT short_v CHECK (length(v) < 3);
ALTER TABLE t ADD CONSTRAINT v_unique UNIQUE (v);
ALTER TABLE t ALTER COLUMN v SET NOT NULL;
ALTER TABLE t ADD CONSTRAINT id_small CHECK (id < 10);
INSERT INTO t VALUES (10, 'ten');
