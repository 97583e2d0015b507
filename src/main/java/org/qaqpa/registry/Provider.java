package org.qaqpa.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider system that serves a serviceId (or one of its routeIds).
 *
 * @param url         where the gateway sends the request
 * @param certificate which certificate must sign its responses ({@code PROVIDER_SIGNATURE_INVALID} otherwise)
 * @param timeout     how long the gateway waits for the answer ({@code PROVIDER_TIMEOUT} after)
 * @param node        whether it is another gateway node of the federation (docs/regional.md): the gateway then
 *                    signs in there as a member itself ({@code federation.sender-id}) and names the original
 *                    sender in the property {@code qaqpa.originalSenderId}
 */
public record Provider(ProviderUrl url, CertificateBinding certificate, Duration timeout, boolean node) {

    public Provider {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A provider system that is not a gateway node. */
    public Provider(ProviderUrl url, CertificateBinding certificate, Duration timeout) {
        this(url, certificate, timeout, false);
    }
}
