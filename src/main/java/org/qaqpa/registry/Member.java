package org.qaqpa.registry;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A registered member (a sender system) from {@code members.yaml}.
 *
 * @param senderId     the {@code senderInfo/senderId} it sends
 * @param password     the hash its {@code senderInfo/password} must match
 * @param certificates which transport-signature certificates are its own
 * @param services     the serviceIds it may call
 * @param rateLimit    at most this many requests per second, if set
 */
public record Member(String senderId, PasswordHash password, CertificateBinding certificates, Set<String> services,
                     OptionalInt rateLimit) {

    public Member {
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(certificates, "certificates");
        services = Set.copyOf(services);
        Objects.requireNonNull(rateLimit, "rateLimit");
    }

    public boolean mayCall(String serviceId) {
        return serviceId != null && services.contains(serviceId);
    }
}
