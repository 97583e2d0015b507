package org.qaqpa.ops;

import java.util.function.BooleanSupplier;

/** One component of {@code /health}: its name and whether it is up right now. */
public record HealthCheck(String name, BooleanSupplier probe) {

    /** Runs the probe; a probe that throws counts as down. */
    public boolean isUp() {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
