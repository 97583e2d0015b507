package org.qaqpa.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.storage.Database;

/**
 * The admin API's log search on a migrated H2 database: ten rows a second apart, senders a and b alternating, every
 * third row a fault; pages follow the cursor without gap or overlap, with and without time bounds.
 */
class MessageLogSearchTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path data;

    private Database db;
    private MessageLogSearch search;
    private final List<LoggedRow> written = new ArrayList<>();

    @BeforeEach
    void writeRows() throws Exception {
        db = LogFixtures.database(data);
        search = new MessageLogSearch(db.dataSource());
        SteppingClock clock = new SteppingClock();
        try (MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.METADATA, clock)) {
            for (int i = 0; i < 10; i++) {
                clock.now = START.plusSeconds(i);
                boolean fault = i % 3 == 0;
                written.add(log.record(new LogEntry(fault ? LogEntry.Kind.FAULT : LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC,
                        i % 2 == 0 ? "a" : "b", "SERVICE", "m-" + i, "{s-" + i + "}", null, null, "S",
                        fault ? "SERVICE_NOT_FOUND" : null, ("row " + i).getBytes(StandardCharsets.UTF_8))));
            }
        }
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void pagesNewestFirstWithoutGapOrOverlap() throws Exception {
        List<Long> ids = allPages(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 3));

        assertThat(ids).containsExactlyElementsOf(written.stream().map(LoggedRow::id).sorted((x, y) -> Long.compare(y, x)).toList());
    }

    @Test
    void filtersBySenderAndErrorCode() throws Exception {
        List<Long> ids = allPages(query(Optional.of("a"), Optional.of("SERVICE_NOT_FOUND"), Optional.empty(), Optional.empty(), 1));

        // rows 0, 6: sender a (even) and a fault (multiple of 3)
        assertThat(ids).containsExactly(written.get(6).id(), written.get(0).id());
    }

    @Test
    void pagesATimeWindowThroughItsCursor() throws Exception {
        List<Long> ids = allPages(query(Optional.empty(), Optional.empty(), Optional.of(START.plusSeconds(3)),
                Optional.of(START.plusSeconds(8)), 2));

        assertThat(ids).containsExactly(written.get(7).id(), written.get(6).id(), written.get(5).id(), written.get(4).id(),
                written.get(3).id());
    }

    @Test
    void refusesATimeWindowCursorThatNamesNoRow() {
        MessageLogSearch.Query query = new MessageLogSearch.Query(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(START), Optional.empty(), 2, OptionalLong.of(999_999));

        assertThatThrownBy(() -> search.search(query)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("999999");
    }

    private MessageLogSearch.Query query(Optional<String> sender, Optional<String> errorCode, Optional<Instant> from,
                                         Optional<Instant> to, int limit) {
        return new MessageLogSearch.Query(sender, Optional.empty(), Optional.empty(), errorCode, from, to, limit,
                OptionalLong.empty());
    }

    private List<Long> allPages(MessageLogSearch.Query first) throws Exception {
        List<Long> ids = new ArrayList<>();
        MessageLogSearch.Query query = first;
        for (int page = 0; page < 20; page++) {
            MessageLogSearch.Page found = search.search(query);
            assertThat(found.rows()).hasSizeLessThanOrEqualTo(first.limit());
            found.rows().forEach(row -> ids.add(row.id()));
            if (found.next().isEmpty()) {
                return ids;
            }
            query = new MessageLogSearch.Query(query.senderId(), query.serviceId(), query.sessionId(), query.errorCode(),
                    query.from(), query.to(), query.limit(), found.next());
        }
        throw new AssertionError("more than 20 pages");
    }

    /** A clock the test sets before each row. */
    private static final class SteppingClock extends Clock {
        private Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
