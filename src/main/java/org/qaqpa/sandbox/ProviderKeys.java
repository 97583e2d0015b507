package org.qaqpa.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.RevocationMode;
import org.qaqpa.security.pki.TrustMaterial;

/**
 * What the sandbox providers sign and verify with, from the development PKI directory: the echo
 * provider's key, the individual's key (the wrong signer), and the trust in the PKI's root. Revocation
 * is not checked: the providers stand in for external systems, the gateway is what checks revocation.
 */
record ProviderKeys(IssuedCertificate echo, IssuedCertificate individual, XmlSignatureVerifier verifier,
                    CertificateValidator validator) {

    /**
     * The keys of {@code pkiDir}, or empty while the PKI (or, in a PKI made before the sandbox
     * providers, the echo key) is missing.
     */
    static Optional<ProviderKeys> open(Path pkiDir) {
        if (!present(pkiDir)) {
            return Optional.empty();
        }
        char[] password = DevPki.password();
        TrustMaterial trust = new TrustMaterial(TrustMaterial.readCertificates(pkiDir.resolve("root-cert.pem")),
                TrustMaterial.readCertificates(pkiDir.resolve("inter-cert.pem")), List.of(), RevocationMode.OFF);
        return Optional.of(new ProviderKeys(
                IssuedCertificate.readPkcs12(pkiDir.resolve("echo.p12"), password),
                IssuedCertificate.readPkcs12(pkiDir.resolve("individual.p12"), password),
                new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(), List.of()),
                new CertificateValidator(trust)));
    }

    /** Whether {@code pkiDir} holds a development PKI with the echo key. */
    static boolean present(Path pkiDir) {
        return Files.isRegularFile(pkiDir.resolve("echo.p12")) && Files.isRegularFile(pkiDir.resolve("root-cert.pem"));
    }

    /** Opens the keys on first use (the gateway creates the PKI at its first start, after the providers exist). */
    static final class Lazy {

        private final Path pkiDir;
        private volatile ProviderKeys keys;

        Lazy(Path pkiDir) {
            this.pkiDir = pkiDir;
        }

        Path pkiDir() {
            return pkiDir;
        }

        Optional<ProviderKeys> get() {
            ProviderKeys current = keys;
            if (current == null) {
                synchronized (this) {
                    if (keys == null) {
                        keys = open(pkiDir).orElse(null);
                    }
                    current = keys;
                }
            }
            return Optional.ofNullable(current);
        }
    }
}
