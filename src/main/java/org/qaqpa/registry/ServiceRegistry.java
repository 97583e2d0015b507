package org.qaqpa.registry;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registered services by serviceId: which provider serves each. The content is replaced as a
 * whole when {@code services.yaml} changes ({@link RegistryFiles}).
 */
public final class ServiceRegistry {

    private volatile Map<String, Service> byId;

    public ServiceRegistry(Collection<Service> services) {
        this.byId = index(services);
    }

    public Optional<Service> find(String serviceId) {
        return serviceId == null ? Optional.empty() : Optional.ofNullable(byId.get(serviceId));
    }

    public int size() {
        return byId.size();
    }

    void replace(Collection<Service> services) {
        byId = index(services);
    }

    private static Map<String, Service> index(Collection<Service> services) {
        return services.stream().collect(Collectors.toUnmodifiableMap(Service::serviceId, Function.identity()));
    }
}
