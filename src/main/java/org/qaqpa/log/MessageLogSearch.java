package org.qaqpa.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Finds message-log rows by sender, service, sessionId, time and errorCode, newest first (by {@code id}, the
 * order rows were written in), one page at a time with a keyset cursor: the next page starts below the last
 * id seen ({@code id < after}), so page 1,000 costs what page 1 costs, where an OFFSET would read and skip
 * every row before it.
 *
 * <p>One equality filter drives the query through its {@code (column, id)} index (migration V8), in this order
 * of selectivity: sessionId, sender, service, errorCode; the ORDER BY names that column first (a no-op for
 * the order, as it is fixed by the equality) so that H2 as well as PostgreSQL read the page off the index
 * without sorting. The other filters are checked on the rows the index yields. With time bounds only, the
 * {@code (logged_at, id)} index drives it, newest first by {@code logged_at} then {@code id}, and the cursor's
 * row gives the time to continue below. Without any filter the primary key drives it.
 */
public final class MessageLogSearch {

    /** The most rows one page may ask for. */
    public static final int MAX_LIMIT = 500;

    /**
     * What to look for; every present filter must hold.
     *
     * @param from  rows logged at or after it
     * @param to    rows logged before it
     * @param after the cursor: only rows with an id below it (the {@code next} of the page before)
     */
    public record Query(Optional<String> senderId, Optional<String> serviceId, Optional<String> sessionId,
                        Optional<String> errorCode, Optional<Instant> from, Optional<Instant> to, int limit,
                        OptionalLong after) {

        public Query {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
            }
        }
    }

    /** One page: its rows, newest first, and the cursor of the next page when there are more rows. */
    public record Page(List<LoggedRow> rows, OptionalLong next) {
    }

    private final DataSource dataSource;

    public MessageLogSearch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The page of rows {@code query} selects.
     *
     * @throws IllegalArgumentException if a time-bounded query's cursor names no row
     */
    public Page search(Query query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        String driving = null;
        for (Filter filter : List.of(
                new Filter("session_id", query.sessionId()), new Filter("sender_id", query.senderId()),
                new Filter("service_id", query.serviceId()), new Filter("error_code", query.errorCode()))) {
            if (filter.value().isPresent()) {
                conditions.add(filter.column() + " = ?");
                parameters.add(filter.value().get());
                driving = driving == null ? filter.column() : driving;
            }
        }
        boolean byTime = driving == null && (query.from().isPresent() || query.to().isPresent());
        try (Connection c = dataSource.getConnection()) {
            if (query.after().isPresent() && byTime) {
                // below the cursor row in (logged_at, id) order: the range condition keeps the index scan bounded
                OffsetDateTime cursorTime = loggedAt(c, query.after().getAsLong());
                conditions.add("logged_at <= ?");
                parameters.add(cursorTime);
                conditions.add("(logged_at < ? OR id < ?)");
                parameters.add(cursorTime);
                parameters.add(query.after().getAsLong());
            } else if (query.after().isPresent()) {
                conditions.add("id < ?");
                parameters.add(query.after().getAsLong());
            }
            return search(c, query, conditions, parameters, byTime ? "logged_at" : driving);
        }
    }

    private Page search(Connection c, Query query, List<String> conditions, List<Object> parameters, String driving)
            throws SQLException {
        query.from().ifPresent(from -> {
            conditions.add("logged_at >= ?");
            parameters.add(from.atOffset(ZoneOffset.UTC));
        });
        query.to().ifPresent(to -> {
            conditions.add("logged_at < ?");
            parameters.add(to.atOffset(ZoneOffset.UTC));
        });
        String sql = "SELECT " + MessageLogReader.COLUMNS + " FROM message_log"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY " + (driving == null ? "" : driving + " DESC, ") + "id DESC"
                // one more than asked: whether a next page exists, without a count
                + " FETCH FIRST " + (query.limit() + 1) + " ROWS ONLY";
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<LoggedRow> rows = new ArrayList<>(query.limit() + 1);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(MessageLogReader.row(r));
                }
            }
            if (rows.size() <= query.limit()) {
                return new Page(rows, OptionalLong.empty());
            }
            List<LoggedRow> page = List.copyOf(rows.subList(0, query.limit()));
            return new Page(page, OptionalLong.of(page.get(page.size() - 1).id()));
        }
    }

    /**
     * When the cursor's row was logged.
     *
     * @throws IllegalArgumentException if no row has that id (not a cursor this search gave)
     */
    private static OffsetDateTime loggedAt(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT logged_at FROM message_log WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalArgumentException("the cursor " + id + " names no row of the message log");
                }
                return r.getObject(1, OffsetDateTime.class);
            }
        }
    }

    /** An equality filter: its column, and its value when the query sets it. */
    private record Filter(String column, Optional<String> value) {
    }
}
