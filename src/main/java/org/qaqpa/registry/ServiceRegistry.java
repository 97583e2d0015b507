package org.qaqpa.registry;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registered services by serviceId: which provider serves each. The content is replaced as a
 * whole when {@code services.yaml} changes ({@link RegistryFiles}).
 */
public final class ServiceRegistry {

    private volatile Map<String, Service> byId;
    private volatile Consumer<Collection<Service>> beforeReplace = services -> { };

    public ServiceRegistry(Collection<Service> services) {
        this.byId = index(services);
    }

    public Optional<Service> find(String serviceId) {
        return serviceId == null ? Optional.empty() : Optional.ofNullable(byId.get(serviceId));
    }

    public int size() {
        return byId.size();
    }

    /** Every registered service. */
    public Collection<Service> all() {
        return byId.values();
    }

    /**
     * Runs {@code preparation} on every new content before it becomes visible (the broker's delivery queues of
     * the services); when it throws, the content is not installed and the registry stays as it was.
     */
    public void beforeReplace(Consumer<Collection<Service>> preparation) {
        this.beforeReplace = preparation;
    }

    void replace(Collection<Service> services) {
        beforeReplace.accept(services);
        byId = index(services);
    }

    private static Map<String, Service> index(Collection<Service> services) {
        return services.stream().collect(Collectors.toUnmodifiableMap(Service::serviceId, Function.identity()));
    }
}
