package org.qaqpa.log;

import java.util.Locale;

/** What the log keeps of an envelope ({@code log.store}): the bytes too, or only their size and SHA-256. */
public enum StoreMode {
    ALL, METADATA;

    /** The mode named in {@code qaqpa.yaml}: {@code all} or {@code metadata}. */
    public static StoreMode of(String configValue) {
        return valueOf(configValue.toUpperCase(Locale.ROOT));
    }
}
