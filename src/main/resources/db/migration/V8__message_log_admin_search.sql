-- The admin API's message-log search (GET /admin/log, docs/admin-api.md): newest first, paged by a keyset
-- cursor on id. Each filter that can drive the search has an index on (column, id), so "sender_id = ? AND
-- id < ? ORDER BY sender_id DESC, id DESC" reads one page straight off the index, at any depth of the table.
-- session_id has its index already (V2); a session holds a handful of rows. With only time bounds, the search
-- reads (logged_at, id) backwards from the upper bound, which replaces V2's index on logged_at alone (the
-- retention job's "logged_at < ?" uses it as well). Plain DDL: the same statements on H2 and PostgreSQL.
CREATE INDEX message_log_search_sender ON message_log (sender_id, id);
CREATE INDEX message_log_search_service ON message_log (service_id, id);
CREATE INDEX message_log_search_error ON message_log (error_code, id);
CREATE INDEX message_log_search_time ON message_log (logged_at, id);
DROP INDEX message_log_logged_at;
