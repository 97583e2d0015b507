package org.qaqpa.registry;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.qaqpa.security.pki.NcaSubject;

/**
 * Which signing certificates belong to a member or a provider: given certificates (exactly those),
 * and/or the IIN and BIN the certificate's NCA subject must carry. Every part that is set must hold,
 * so {@code iin} + {@code bin} names one employee of one organisation, while {@code bin} alone
 * accepts any certificate the NCA issued for the organisation (and survives the yearly renewal).
 * Trust (chain, validity, revocation) is checked before, by the signature verifier; this only binds.
 */
public record CertificateBinding(List<X509Certificate> certificates, Optional<String> iin, Optional<String> bin) {

    public CertificateBinding {
        certificates = List.copyOf(certificates);
        Objects.requireNonNull(iin, "iin");
        Objects.requireNonNull(bin, "bin");
        if (certificates.isEmpty() && iin.isEmpty() && bin.isEmpty()) {
            throw new IllegalArgumentException("a binding needs certificates, an IIN or a BIN");
        }
    }

    /** Binds to the subject's IIN and/or BIN only. */
    public static CertificateBinding subject(Optional<String> iin, Optional<String> bin) {
        return new CertificateBinding(List.of(), iin, bin);
    }

    /** Binds to exactly these certificates. */
    public static CertificateBinding certificates(List<X509Certificate> certificates) {
        return new CertificateBinding(certificates, Optional.empty(), Optional.empty());
    }

    /** Whether the (already validated) signer certificate belongs here. */
    public boolean accepts(X509Certificate signer) {
        if (!certificates.isEmpty() && !certificates.contains(signer)) {
            return false;
        }
        NcaSubject subject = NcaSubject.of(signer.getSubjectX500Principal());
        return (iin.isEmpty() || iin.equals(subject.iin())) && (bin.isEmpty() || bin.equals(subject.bin()));
    }

    /** What is required, for messages: e.g. {@code IIN 123456789011, BIN 123456789021}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!certificates.isEmpty()) {
            parts.add(certificates.size() == 1 ? "1 registered certificate" : certificates.size() + " registered certificates");
        }
        iin.ifPresent(value -> parts.add("IIN " + value));
        bin.ifPresent(value -> parts.add("BIN " + value));
        return String.join(", ", parts);
    }
}
