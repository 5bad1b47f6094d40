-- name: txn-end-outside-block
-- about: COMMIT, END, ROLLBACK and ABORT without a transaction only warn (25P01) and answer their usual tag; AND CHAIN is an error there
-- step psql
COMMIT;
END;
ROLLBACK;
ABORT;
COMMIT AND CHAIN;
ROLLBACK AND CHAIN;
