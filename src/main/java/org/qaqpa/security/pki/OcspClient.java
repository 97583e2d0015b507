package org.qaqpa.security.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.qaqpa.error.PrintableText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a certificate's OCSP responder (RFC 6960) for its status and believes the answer only when
 * it is the answer to <em>this</em> question:
 * <ul>
 * <li>the response is signed by the issuing CA itself or by a responder certificate the CA issued
 *     with the id-kp-OCSPSigning extended key usage, valid now;</li>
 * <li>it carries the random nonce of the request (no replayed "good" answers);</li>
 * <li>it holds a single response for the same certificate ID (issuer name and key hash, serial);</li>
 * <li>it is fresh: {@code thisUpdate} not in the future (beyond {@link #CLOCK_SKEW}), and
 *     {@code nextUpdate} not passed, or without {@code nextUpdate} not older than {@link #MAX_AGE}.</li>
 * </ul>
 * Anything else, the responder down or slow included, is {@link OcspStatus.Kind#UNKNOWN}: the caller
 * decides (hard fail or CRL fallback). Good and revoked answers are cached until {@code nextUpdate},
 * at most {@link #MAX_AGE}; after a failure the same responder is not asked about the same
 * certificate again for {@link #RETRY_AFTER}, so a dead responder costs one timeout, not one per message.
 */
public final class OcspClient {

    private static final Logger LOG = LoggerFactory.getLogger(OcspClient.class);
    static final Duration MAX_AGE = Duration.ofHours(1);
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    private static final int NONCE_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Key(BigInteger serial, PublicKey issuerKey) {
    }

    private record Cached(OcspStatus status, Instant until) {
    }

    private final Optional<URI> responderOverride;
    private final PkiHttp http;
    private final Clock clock;
    private final PkiFetches fetches;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param responderOverride a responder to ask instead of the one in the certificate's
     *                          authority information access extension
     * @param timeout           for connecting and for the whole answer
     */
    public OcspClient(Optional<URI> responderOverride, Duration timeout, Clock clock) {
        this(responderOverride, timeout, clock, PkiFetches.NONE);
    }

    /** @param fetches told of each request sent to a responder (not of answers from the cache) */
    public OcspClient(Optional<URI> responderOverride, Duration timeout, Clock clock, PkiFetches fetches) {
        this.responderOverride = responderOverride;
        this.http = new PkiHttp(timeout);
        this.clock = clock;
        this.fetches = fetches;
    }

    /** The status of {@code certificate}, issued by {@code issuer}, as of now. */
    public OcspStatus status(X509Certificate certificate, X509Certificate issuer) {
        Key key = new Key(certificate.getSerialNumber(), issuer.getPublicKey());
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.status();
        }
        Answer answer = ask(certificate, issuer, now);
        fetches.fetched("ocsp", answer.status().kind().name().toLowerCase(java.util.Locale.ROOT));
        if (answer.status().kind() == OcspStatus.Kind.UNKNOWN) {
            LOG.warn("OCSP status of {} unknown: {}", DistinguishedNames.shown(certificate), answer.status().detail());
            cache.put(key, new Cached(answer.status(), now.plus(RETRY_AFTER)));
        } else {
            Instant limit = now.plus(MAX_AGE);
            cache.put(key, new Cached(answer.status(), answer.nextUpdate().filter(limit::isAfter).orElse(limit)));
        }
        return answer.status();
    }

    private record Answer(OcspStatus status, Optional<Instant> nextUpdate) {
        static Answer unknown(String why) {
            return new Answer(OcspStatus.unknown(why), Optional.empty());
        }
    }

    private Answer ask(X509Certificate certificate, X509Certificate issuer, Instant now) {
        Optional<URI> responder = responderOverride.or(() -> responderOf(certificate));
        if (responder.isEmpty()) {
            return Answer.unknown("the certificate names no OCSP responder and none is configured");
        }
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER)
                    .build().get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            byte[] request = new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                            new DEROctetString(nonce)))).build().getEncoded();
            byte[] response;
            try {
                response = http.post(responder.get(), "application/ocsp-request", "application/ocsp-response", request);
            } catch (IOException e) {
                return Answer.unknown("the responder " + responder.get() + " did not answer: "
                        + PrintableText.of(String.valueOf(e.getMessage()), 200));
            }
            return read(new OCSPResp(response), id, nonce, issuer, now);
        } catch (IOException | OCSPException | OperatorCreationException | GeneralSecurityException | CertException | RuntimeException e) {
            return Answer.unknown("unreadable OCSP answer from " + responder.get() + ": " + PrintableText.of(String.valueOf(e.getMessage()), 200));
        }
    }

    private static Answer read(OCSPResp response, CertificateID id, byte[] nonce, X509Certificate issuer, Instant now)
            throws OCSPException, OperatorCreationException, GeneralSecurityException, IOException, CertException {
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            return Answer.unknown("the responder refused the request (OCSP status " + response.getStatus() + ")");
        }
        if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
            return Answer.unknown("the answer is not a basic OCSP response");
        }
        if (!signedByIssuerOrItsResponder(basic, issuer, now)) {
            return Answer.unknown("the answer is not signed by the issuer or a responder it authorised");
        }
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed == null || !Arrays.equals(nonceOf(echoed), nonce)) {
            return Answer.unknown("the answer does not carry the request's nonce");
        }
        SingleResp single = Arrays.stream(basic.getResponses()).filter(r -> r.getCertID().equals(id)).findFirst().orElse(null);
        if (single == null) {
            return Answer.unknown("the answer is about another certificate");
        }
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Optional<Instant> nextUpdate = Optional.ofNullable(single.getNextUpdate()).map(Date::toInstant);
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
            return Answer.unknown("the answer is dated in the future (" + thisUpdate + ")");
        }
        boolean stale = nextUpdate.map(next -> next.isBefore(now.minus(CLOCK_SKEW)))
                .orElseGet(() -> thisUpdate.isBefore(now.minus(MAX_AGE)));
        if (stale) {
            return Answer.unknown("the answer is stale (this update " + thisUpdate + ")");
        }
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return new Answer(OcspStatus.good(), nextUpdate);
        }
        if (status instanceof RevokedStatus revoked) {
            return new Answer(OcspStatus.revoked(revoked.getRevocationTime().toInstant()), nextUpdate);
        }
        return Answer.unknown("the responder does not know the certificate");
    }

    /** The nonce as sent: the extension's value is an OCTET STRING holding it (RFC 8954), some responders echo it bare. */
    private static byte[] nonceOf(Extension extension) {
        byte[] value = extension.getExtnValue().getOctets();
        try {
            return ASN1OctetString.getInstance(value).getOctets();
        } catch (RuntimeException e) {
            return value;
        }
    }

    private static boolean signedByIssuerOrItsResponder(BasicOCSPResp basic, X509Certificate issuer, Instant now)
            throws OperatorCreationException, OCSPException, GeneralSecurityException, IOException, CertException {
        if (basic.isSignatureValid(verifier(issuer.getPublicKey()))) {
            return true;
        }
        X509CertificateHolder[] included = basic.getCerts();
        for (X509CertificateHolder candidate : included == null ? new X509CertificateHolder[0] : included) {
            if (candidate.getIssuer().equals(new JcaX509CertificateHolder(issuer).getSubject())
                    && candidate.isSignatureValid(verifier(issuer.getPublicKey()))
                    && candidate.isValidOn(Date.from(now))
                    && hasOcspSigning(candidate)
                    && basic.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.PROVIDER)
                            .build(candidate))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasOcspSigning(X509CertificateHolder certificate) {
        ExtendedKeyUsage usage = ExtendedKeyUsage.fromExtensions(certificate.getExtensions());
        return usage != null && usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }

    private static ContentVerifierProvider verifier(PublicKey key) throws OperatorCreationException {
        return new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(key);
    }

    /** The first http(s) OCSP URL of the certificate's authority information access extension. */
    static Optional<URI> responderOf(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            List<URI> urls = new ArrayList<>();
            for (AccessDescription description : AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(value).getOctets()).getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    URI uri = URI.create(location.getName().toString());
                    if (PkiHttp.fetchable(uri)) {
                        urls.add(uri);
                    }
                }
            }
            return urls.stream().findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
