-- An async message this gateway passed on to another gateway node (docs/regional.md): the node's address.
-- The node accepted it; the message stays ON_DELIVERY here until the node's changeMassageStatusNotification
-- names its final state. NULL for messages delivered to a recipient system (or not yet passed on).
ALTER TABLE async_message ADD COLUMN forwarded_to VARCHAR(1000);
