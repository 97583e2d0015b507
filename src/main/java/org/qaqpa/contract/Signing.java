package org.qaqpa.contract;

import java.util.Optional;

/**
 * How a step's request is signed before it is sent: the WS-Security transport signature with the
 * member key {@code key} (the SHEP reference form, as {@code qaqpa send} signs), and/or an enveloped
 * business signature with {@code dataKey} over the document inside each {@code data} element.
 */
record Signing(String key, boolean transport, Optional<String> dataKey) {

    /** What a step gets when neither it nor its suite says: a transport signature by the development legal entity. */
    static final Signing DEFAULT = new Signing("legal", true, Optional.empty());
    /** {@code signing: none}: the request goes out exactly as rendered. */
    static final Signing NONE = new Signing("legal", false, Optional.empty());

    boolean signs() {
        return transport || dataKey.isPresent();
    }
}
