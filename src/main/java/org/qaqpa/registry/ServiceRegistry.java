package org.qaqpa.registry;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Which provider route serves each {@code serviceId}. */
public final class ServiceRegistry {

    /** One registered service: its id and the Camel endpoint URI of the route that calls its provider. */
    public record ServiceEntry(String serviceId, String providerEndpoint) {
    }

    private final Map<String, ServiceEntry> byId;

    public ServiceRegistry(Collection<ServiceEntry> entries) {
        this.byId = entries.stream().collect(Collectors.toUnmodifiableMap(ServiceEntry::serviceId, Function.identity()));
    }

    public Optional<ServiceEntry> find(String serviceId) {
        return Optional.ofNullable(byId.get(serviceId));
    }

    public int size() {
        return byId.size();
    }
}
