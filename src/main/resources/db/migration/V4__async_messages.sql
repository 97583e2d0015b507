-- Async messages the gateway accepted (docs/async.md): one row per (sender, messageId), with the delivery
-- state getMessageStatus answers from. The Artemis journal holds the message itself and is the source of
-- truth for delivery; this table is the view senders and operators read, so the delivery consumer writes
-- the row again (insert when missing) should it ever be lost.
-- Written for H2 and PostgreSQL alike: standard types, TIMESTAMP WITH TIME ZONE.

-- state: ON_DELIVERY, DELIVERED, NOT_DELIVERED or DELIVERY_STOPPED (common:MessageState).
-- accepted_at is when the sender was answered, state_at when the state last changed, delivered_at when the
-- recipient acknowledged it; attempts counts delivery attempts, last_error says why the latest one failed.
CREATE TABLE async_message (
    sender_id       VARCHAR(1000) NOT NULL,
    message_id      VARCHAR(1000) NOT NULL,
    service_id      VARCHAR(1000) NOT NULL,
    correlation_id  VARCHAR(1000),
    message_type    VARCHAR(20)   NOT NULL,
    session_id      VARCHAR(100)  NOT NULL,
    state           VARCHAR(20)   NOT NULL,
    accepted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    state_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    attempts        INTEGER       NOT NULL,
    last_error      VARCHAR(1000),
    CONSTRAINT async_message_pk PRIMARY KEY (sender_id, message_id)
);

-- getMessageStatus names only the messageId; the sender is then checked against the row.
CREATE INDEX async_message_message_id ON async_message (message_id);
