package org.qaqpa.security.pki;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A signer certificate that passed {@link CertificateValidator}, with its NCA subject.
 *
 * @param path the certificate path, signer first and trust anchor last
 */
public record ValidatedSigner(X509Certificate certificate, NcaSubject subject, List<X509Certificate> path) {

    public ValidatedSigner {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(subject, "subject");
        path = List.copyOf(path);
    }
}
