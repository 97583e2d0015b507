package org.qaqpa.security.pki;

/** Told of every OCSP request and CRL download the gateway makes (the metrics count them). */
@FunctionalInterface
public interface PkiFetches {

    /** Listens to nothing. */
    PkiFetches NONE = (kind, result) -> { };

    /**
     * @param kind   {@code ocsp} or {@code crl}
     * @param result for OCSP the answer ({@code good}, {@code revoked}, {@code unknown}: also a responder that did not
     *               answer usably); for a CRL {@code ok} or {@code error}
     */
    void fetched(String kind, String result);
}
