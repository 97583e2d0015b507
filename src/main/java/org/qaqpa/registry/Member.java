package org.qaqpa.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A registered member (a sender system) from {@code members.yaml}.
 *
 * @param senderId     the {@code senderInfo/senderId} it sends
 * @param password     the hash its {@code senderInfo/password} must match
 * @param certificates which transport-signature certificates are its own
 * @param services     the serviceIds it may call
 * @param rateLimit    at most this many requests per second, if set
 * @param asyncUrl     its {@code IAsyncChannelClient} endpoint, if it has one: the async chain messages addressed
 *                     to it (a RESPONSE to its REQUEST) are PUSHed there, their answers signed by one of
 *                     {@code certificates}; without it, it fetches them with {@code getMessages}
 * @param node         whether it is another gateway node of the federation (a regional node, or the national node
 *                     at a region: docs/regional.md): it passes on other systems' requests, so the original sender
 *                     it names ({@code qaqpa.originalSenderId}) and the sessionId it set are taken over
 * @param tlsClientCertificateRequired whether its requests must come on a TLS connection whose client certificate
 *                     is one of {@code certificates} (mutual TLS bound to the registry, {@code tls-client-certificate})
 * @param maxRequestSize at most this many request bytes, if set (below {@code server.max-request-size})
 */
public record Member(String senderId, PasswordHash password, CertificateBinding certificates, Set<String> services,
                     OptionalInt rateLimit, Optional<ProviderUrl> asyncUrl, boolean node,
                     boolean tlsClientCertificateRequired, OptionalLong maxRequestSize) {

    public Member {
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(certificates, "certificates");
        services = Set.copyOf(services);
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(asyncUrl, "asyncUrl");
        Objects.requireNonNull(maxRequestSize, "maxRequestSize");
    }

    /** A member without transport requirements of its own (any connection, the gateway's size limit). */
    public Member(String senderId, PasswordHash password, CertificateBinding certificates, Set<String> services,
                  OptionalInt rateLimit, Optional<ProviderUrl> asyncUrl, boolean node) {
        this(senderId, password, certificates, services, rateLimit, asyncUrl, node, false, OptionalLong.empty());
    }

    /** A member system that is not a gateway node. */
    public Member(String senderId, PasswordHash password, CertificateBinding certificates, Set<String> services,
                  OptionalInt rateLimit, Optional<ProviderUrl> asyncUrl) {
        this(senderId, password, certificates, services, rateLimit, asyncUrl, false);
    }

    /** A member without an async endpoint (it pulls what is addressed to it). */
    public Member(String senderId, PasswordHash password, CertificateBinding certificates, Set<String> services,
                  OptionalInt rateLimit) {
        this(senderId, password, certificates, services, rateLimit, Optional.empty());
    }

    /**
     * Its async endpoint as a system to call, if it has an {@code async-url}: answers must be signed by
     * one of its own certificates (its binding), within the default provider timeout. A gateway node's
     * endpoint is a node's ({@link Provider#node()}): what it accepts there it passes on.
     */
    public Optional<Provider> asyncEndpoint() {
        return asyncUrl.map(url -> new Provider(url, certificates, ServicesFile.DEFAULT_TIMEOUT, node));
    }

    public boolean mayCall(String serviceId) {
        return serviceId != null && services.contains(serviceId);
    }
}
