package org.qaqpa.registry;

import java.net.URI;
import java.util.Objects;

/**
 * A provider's address as written in {@code services.yaml}: an absolute {@code http(s)} URL, or a
 * path starting with {@code /} for a provider the gateway serves itself (the sandbox), resolved at
 * call time against the gateway's own address, which is known only once its port is bound.
 */
public record ProviderUrl(String configured) {

    public ProviderUrl {
        Objects.requireNonNull(configured, "configured");
    }

    /** Whether the provider is served by the gateway itself ({@code /path}). */
    public boolean onGateway() {
        return configured.startsWith("/");
    }

    /** The address to call; {@code gatewayBase} is the gateway's own, e.g. {@code http://127.0.0.1:8080}. */
    public URI resolve(URI gatewayBase) {
        return onGateway() ? gatewayBase.resolve(configured) : URI.create(configured);
    }

    @Override
    public String toString() {
        return configured;
    }
}
