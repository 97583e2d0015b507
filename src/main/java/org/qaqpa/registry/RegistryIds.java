package org.qaqpa.registry;

import java.util.regex.Pattern;

/** What a senderId, serviceId or routeId in a registry file may look like. */
public final class RegistryIds {

    /** Letters of any script, digits and {@code _ . : @ -}: SHEP ids seen in the wild fit, whitespace and markup do not. */
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}_.:@-]{1,128}");

    public static final String RULE = "up to 128 letters, digits and _ . : @ -";

    private RegistryIds() {
    }

    public static boolean isValid(String id) {
        return ID.matcher(id).matches();
    }
}
