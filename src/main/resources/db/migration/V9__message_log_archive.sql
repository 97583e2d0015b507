-- Archived pieces of the message log (docs/message-log.md#archiving): `qaqpa log archive` moves the oldest rows of a
-- chain into a chunk file and deletes them here, in the transaction that inserts the chunk's row below. The row keeps
-- what the chain needs to go on verifying without the file: the range of positions and the hash of its last row.
-- `qaqpa log verify --archive DIR` also checks each file against chunk_sha256 and every row in it.
-- Written for H2 and PostgreSQL alike: standard types, TIMESTAMP WITH TIME ZONE.
CREATE TABLE message_log_archive (
    chain_id         VARCHAR(40)   NOT NULL,
    first_position   BIGINT        NOT NULL,
    last_position    BIGINT        NOT NULL,
    last_row_hash    CHAR(64)      NOT NULL,
    first_logged_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_logged_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    chunk_name       VARCHAR(200)  NOT NULL,
    chunk_sha256     CHAR(64)      NOT NULL,
    archived_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT message_log_archive_pk PRIMARY KEY (chain_id, first_position)
);
