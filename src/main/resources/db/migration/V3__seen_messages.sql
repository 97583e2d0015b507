-- Replay and duplicate protection (docs/security.md#replay-and-duplicates): one row per (sender, messageId)
-- the gateway accepted. The primary key is the check: a second insert of the same pair fails, atomically and
-- on every node sharing the database, without a select before it.
-- Written for H2 and PostgreSQL alike: standard types, TIMESTAMP WITH TIME ZONE.

-- Rows go once message_date is older than replay.window: a message that old is refused by the date check
-- (MESSAGE_DATE_SKEW) anyway, so its row is no longer needed to refuse a replay. Hence the purge index is on
-- message_date; seen_at and session_id tell an operator (and the DUPLICATE_MESSAGE fault) when and in which
-- exchange the messageId was first accepted.
CREATE TABLE seen_message (
    sender_id     VARCHAR(1000) NOT NULL,
    message_id    VARCHAR(1000) NOT NULL,
    message_date  TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    session_id    VARCHAR(100)  NOT NULL,
    CONSTRAINT seen_message_pk PRIMARY KEY (sender_id, message_id)
);

CREATE INDEX seen_message_message_date ON seen_message (message_date);
