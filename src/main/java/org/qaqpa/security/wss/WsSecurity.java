package org.qaqpa.security.wss;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.time.Clock;
import java.util.Optional;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.GostProvider;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.PkiFetches;
import org.qaqpa.security.pki.IssuedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WS-Security of both SOAP endpoints, built from {@code security.*}: the check of every
 * request's transport signature and the signing of the answers to authenticated senders; with the
 * gateway's keys and trust anchors, which the admin API changes at run time ({@link KeyRotation},
 * {@link TrustAnchors}, {@link GatewayCrls}).
 */
public record WsSecurity(TransportSignatureInterceptor requests, ResponseSignatureInterceptor answers,
                         ProviderSecurity providers, KeyRotation keyRotation, TrustAnchors anchors, GatewayCrls crls) {

    private static final Logger LOG = LoggerFactory.getLogger(WsSecurity.class);

    /**
     * Puts the GOST provider of {@code security.jce-provider} in use (Bouncy Castle when empty), then
     * builds the interceptors. Empty when {@code security.require-signature} is false: then requests
     * are not checked and answers not signed.
     *
     * @throws IllegalArgumentException if the provider cannot be made or offers no GOST algorithm it is known by
     */
    public static Optional<WsSecurity> from(GatewayConfig gatewayConfig, Path dataDir, Clock clock) {
        return from(gatewayConfig, dataDir, clock, PkiFetches.NONE);
    }

    /** Like {@link #from(GatewayConfig, Path, Clock)}, telling {@code fetches} of every OCSP request and CRL download. */
    public static Optional<WsSecurity> from(GatewayConfig gatewayConfig, Path dataDir, Clock clock, PkiFetches fetches) {
        GatewayConfig.Security config = gatewayConfig.security();
        GostProvider gost = config.jceProvider().map(GostProvider::load).orElseGet(GostProvider::bouncyCastle);
        GostProvider.use(gost);
        LOG.info("GOST signatures and digests by {}", gost);
        if (!config.requireSignature()) {
            return Optional.empty();
        }
        GatewayTrust.Trust trust = GatewayTrust.build(gatewayConfig, dataDir, clock, fetches);
        CertificateValidator certificates = trust.validator();
        XmlSignatureVerifier verifier = new XmlSignatureVerifier(new AlgorithmTable(config.allowLegacySha1()), true,
                XmlSignatureVerifier.defaultIdAttributes(), certificates.anchors());
        IssuedCertificate gatewayKey = GatewayKey.load(gatewayConfig, dataDir);
        Path keystore = GatewayKey.keystoreFile(gatewayConfig, dataDir);
        GatewayKeyRing keys = new GatewayKeyRing(gatewayKey, clock.instant(), config.keyRotationGrace(),
                RetiredCertificates.read(RetiredCertificates.beside(keystore), clock.instant()));
        KeyRotation rotation = new KeyRotation(keys, certificates, keystore,
                GatewayKey.password(gatewayConfig), GatewayKey.developmentCertificateFile(gatewayConfig, dataDir), clock);
        return Optional.of(new WsSecurity(
                new TransportSignatureInterceptor(verifier, certificates, keys, clock),
                new ResponseSignatureInterceptor(keys),
                new ProviderSecurity(keys, verifier, certificates, clock), rotation,
                GatewayTrust.anchors(gatewayConfig, dataDir, certificates, clock), trust.crls()));
    }

    /** The gateway's keys: the current one signs, replaced ones are published until their grace period ends. */
    public GatewayKeyRing keys() {
        return keyRotation.keys();
    }

    /** The certificate the gateway signs with now. */
    public X509Certificate gatewayCertificate() {
        return keys().current().certificate();
    }

    /** The trust anchors signer paths end in now. */
    public List<X509Certificate> trustAnchors() {
        return anchors.all();
    }
}
