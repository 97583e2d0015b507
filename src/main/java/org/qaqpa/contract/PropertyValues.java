package org.qaqpa.contract;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The properties one test case sees: the suite's, overridden by {@code --property}, plus what its
 * steps {@code set} and {@code transfer}; and the generated values {@code uuid} (a new UUID),
 * {@code guid} (a new UUID in braces, as SHEP writes sessionIds) and {@code now} (the current
 * {@code xs:dateTime} with milliseconds and offset), made anew at each use. A suite property may be
 * made of generated values only ({@code messageDate: ${now}}); it too is rendered at each use.
 */
final class PropertyValues {

    /** Names that are generated, never stored. */
    static final Set<String> GENERATED = Set.of("uuid", "guid", "now");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Map<String, String> values;
    private final Clock clock;

    PropertyValues(Map<String, String> values, Clock clock) {
        this.values = new LinkedHashMap<>(values);
        this.clock = clock;
    }

    /** A copy for one test case, so that what its steps set does not leak into the next case. */
    PropertyValues copy() {
        return new PropertyValues(values, clock);
    }

    void put(String name, String value) {
        values.put(name, value);
    }

    Optional<String> get(String name) {
        return switch (name) {
            case "uuid" -> Optional.of(UUID.randomUUID().toString());
            case "guid" -> Optional.of("{" + UUID.randomUUID() + "}");
            case "now" -> Optional.of(DATE_TIME.format(OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS)));
            // a suite property may be made of generated values (messageDate: ${now}), rendered at each use
            default -> Optional.ofNullable(values.get(name)).map(value -> value.contains("${")
                    ? new Template(value, false).render(new PropertyValues(Map.of(), clock)) : value);
        };
    }
}
