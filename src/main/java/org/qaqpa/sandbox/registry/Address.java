package org.qaqpa.sandbox.registry;

import java.util.Optional;

/** A registration address: region (oblast or city of republican significance), city, street, building, flat. */
public record Address(String region, String city, String street, String building, Optional<String> flat) {
}
