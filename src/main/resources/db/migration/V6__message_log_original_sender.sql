-- The original sender of a request that a gateway node passed on (docs/regional.md): the member that sent it
-- to the first node, named by the node in the property qaqpa.originalSenderId. NULL for every other row, and
-- then left out of the row's hash text, so rows written before this column existed keep their hashes.
ALTER TABLE message_log ADD COLUMN original_sender_id VARCHAR(1000);
