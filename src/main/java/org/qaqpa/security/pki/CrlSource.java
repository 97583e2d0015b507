package org.qaqpa.security.pki;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the CRLs for a certificate come from: fixed ones, files reloaded when they change, or the
 * certificate's own distribution points. A source returns candidates; {@link CrlChecker} decides
 * which of them count (issuer, signature, time, scope).
 */
@FunctionalInterface
public interface CrlSource {

    /** CRLs that may cover {@code certificate}; never null, empty when there are none. */
    List<X509CRL> crlsFor(X509Certificate certificate);

    /** Always the same CRLs. */
    static CrlSource of(List<X509CRL> crls) {
        List<X509CRL> copy = List.copyOf(crls);
        return certificate -> copy;
    }

    /** The CRLs of all {@code sources} together. */
    static CrlSource allOf(List<CrlSource> sources) {
        List<CrlSource> copy = List.copyOf(sources);
        return certificate -> {
            List<X509CRL> all = new ArrayList<>();
            copy.forEach(source -> all.addAll(source.crlsFor(certificate)));
            return all;
        };
    }
}
