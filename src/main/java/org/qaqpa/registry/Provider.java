package org.qaqpa.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider system that serves a serviceId (or one of its routeIds).
 *
 * @param url         where the gateway sends the request
 * @param certificate which certificate must sign its responses ({@code PROVIDER_SIGNATURE_INVALID} otherwise)
 * @param timeout     how long the gateway waits for the answer ({@code PROVIDER_TIMEOUT} after)
 */
public record Provider(ProviderUrl url, CertificateBinding certificate, Duration timeout) {

    public Provider {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(timeout, "timeout");
    }
}
