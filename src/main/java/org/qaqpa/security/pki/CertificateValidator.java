package org.qaqpa.security.pki;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a signer certificate: a path to an anchor, validity at the message time, revocation, key
 * usage. Refusals are {@link QaqpaFault}s with {@code CERT_*} codes, checked in this order, the
 * first failure deciding the code:
 * <ol>
 * <li>trust ({@code CERT_UNTRUSTED}): at most {@value #MAX_PRESENTED} presented certificates; a
 *     path from the signer to an anchor whose every link is signed by the next; and the path obeys
 *     PKIX rules (CA basic constraints and key usage, path length, name constraints, critical
 *     extensions);</li>
 * <li>validity ({@code CERT_EXPIRED}): every certificate of the path, the anchor included, is
 *     valid at the message time, both ends inclusive;</li>
 * <li>revocation ({@code CERT_REVOKED}, {@code CERT_STATUS_UNKNOWN}): by OCSP and/or CRL as the
 *     {@link RevocationChecker} is set up, see {@link RevocationMode};</li>
 * <li>key usage ({@code CERT_KEY_USAGE}): the signer has a key usage extension with
 *     digitalSignature, and nonRepudiation too for a {@link Purpose#BUSINESS} signature.</li>
 * </ol>
 */
public final class CertificateValidator {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateValidator.class);

    /** Presented certificates beyond any real chain; the cap bounds the path search a signature can cause. */
    public static final int MAX_PRESENTED = 10;

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    /** What the signature is for: which key usage the signer needs. */
    public enum Purpose {
        /** WS-Security transport signature: digitalSignature. */
        TRANSPORT,
        /** Business signature of the data: digitalSignature and nonRepudiation. */
        BUSINESS,
        /** Plain XMLDSig checks ({@code dsig verify --policy interop}): no key-usage rule. */
        ANY
    }

    private final RevocationChecker revocation;
    private static final int MAX_REMEMBERED_PATHS = 10_000;
    private final List<X509Certificate> intermediates;
    /** Read once per validation: a check in flight finishes with the anchors it started with (see {@link #replaceAnchors}). */
    private volatile Anchors trust;

    /**
     * The anchors with what depends on them: the path builder, and the chains (signer first, anchor last) that passed
     * the PKIX rules under them (see {@link #remember}), dropped together when the anchors change.
     */
    private record Anchors(List<X509Certificate> certificates, TrustPathBuilder pathBuilder,
                           Set<List<X509Certificate>> pkixPassed) {

        Anchors(List<X509Certificate> certificates, List<X509Certificate> intermediates) {
            this(List.copyOf(certificates), new TrustPathBuilder(List.copyOf(certificates), intermediates),
                    ConcurrentHashMap.newKeySet());
        }
    }

    /**
     * Revocation as the trust material says, from its CRLs only; an OCSP mode is refused here
     * since there is no OCSP client to ask (see the other constructor).
     */
    public CertificateValidator(TrustMaterial trust) {
        this(trust, new RevocationChecker(trust.revocation(), CrlSource.of(trust.crls()), null));
    }

    /** {@code revocation} replaces the trust material's revocation mode and CRLs. */
    public CertificateValidator(TrustMaterial trust, RevocationChecker revocation) {
        this.intermediates = List.copyOf(trust.intermediates());
        this.trust = new Anchors(trust.anchors(), intermediates);
        this.revocation = Objects.requireNonNull(revocation, "revocation");
    }

    /** The trust anchors paths must end in. */
    public List<X509Certificate> anchors() {
        return trust.certificates();
    }

    /**
     * Trusts {@code anchors} from now on instead of the current ones (an anchor uploaded or removed through the admin
     * API): validations already running finish with the anchors they started with, the next ones use the new set.
     */
    public void replaceAnchors(List<X509Certificate> anchors) {
        this.trust = new Anchors(anchors, intermediates);
        LOG.info("trust anchors replaced: {} anchors", anchors.size());
    }

    /**
     * @param signer    the certificate whose key made the signature
     * @param presented certificates that came with the signature (may include the signer and intermediates)
     * @param at        the message time
     * @throws QaqpaFault with a {@code CERT_*} code if the signer is refused
     */
    public ValidatedSigner validate(X509Certificate signer, List<X509Certificate> presented, Instant at, Purpose purpose) {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(purpose, "purpose");
        if (presented.size() > MAX_PRESENTED) {
            throw new QaqpaFault(ErrorCode.CERT_UNTRUSTED, "The signature came with too many certificates ("
                    + presented.size() + "; at most " + MAX_PRESENTED + ").");
        }
        Anchors anchors = trust;
        List<X509Certificate> path = anchors.pathBuilder().build(signer, presented).orElseThrow(() -> new QaqpaFault(
                ErrorCode.CERT_UNTRUSTED, "The certificate " + DistinguishedNames.shown(signer)
                        + " does not chain to a trusted root."));
        checkPkixRules(path, at, anchors.pkixPassed());
        checkValidity(path, at);
        revocation.check(path, at);
        checkKeyUsage(signer, purpose);
        return new ValidatedSigner(signer, NcaSubject.of(signer.getSubjectX500Principal()), path);
    }

    /**
     * The structural PKIX rules, by Bouncy Castle's PKIX validator (an explicit provider instance:
     * it also verifies GOST signatures, which the JDK's cannot). Its failures carry no reliable
     * reason to tell "expired" from "untrusted", so it runs at a time when every certificate of
     * the path is valid (the message time if possible) and revocation is off; validity and
     * revocation are then checked by our own code, which gives the exact codes. A path with no
     * such time is refused by the validity check that follows.
     */
    private void checkPkixRules(List<X509Certificate> path, Instant at, Set<List<X509Certificate>> pkixPassed) {
        if (path.size() < 2 || pkixPassed.contains(path)) {
            return; // the signer is itself an anchor, or this very chain passed before
        }
        Optional<Instant> when = timeAllAreValid(path, at);
        if (when.isEmpty()) {
            return;
        }
        try {
            // Bouncy Castle's own certificate objects: the JDK's verify GOST signatures with JDK providers only, and fail.
            CertificateFactory factory = CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER);
            List<X509Certificate> bcPath = new ArrayList<>(path.size());
            for (X509Certificate certificate : path) {
                bcPath.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(certificate.getEncoded())));
            }
            CertPath certPath = factory.generateCertPath(bcPath.subList(0, bcPath.size() - 1));
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(bcPath.get(bcPath.size() - 1), null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(when.get()));
            CertPathValidator.getInstance("PKIX", BouncyCastle.PROVIDER).validate(certPath, parameters);
            remember(pkixPassed, path);
        } catch (CertPathValidatorException e) {
            LOG.info("certificate path of {} breaks PKIX rules: {}", DistinguishedNames.shown(path.get(0)),
                    PrintableText.of(e.getMessage(), 200));
            throw new QaqpaFault(ErrorCode.CERT_UNTRUSTED, "The certificate chain of " + DistinguishedNames.shown(path.get(0))
                    + " breaks the PKIX rules (CA constraints, key usage or critical extensions).");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX validation is not available", e);
        }
    }

    /**
     * The structural rules do not depend on the time (it is only moved to where every certificate
     * is valid), so a chain that passed once passes again: members sign thousands of messages with
     * one certificate, and Bouncy Castle's PKIX run re-parses and re-verifies the whole chain. The
     * set is cleared when full, so chains an attacker presents cannot grow it without bound.
     */
    private static void remember(Set<List<X509Certificate>> pkixPassed, List<X509Certificate> path) {
        if (pkixPassed.size() >= MAX_REMEMBERED_PATHS) {
            pkixPassed.clear();
        }
        pkixPassed.add(List.copyOf(path));
    }

    /** {@code at} moved into the interval where all certificates are valid, if there is one. */
    private static Optional<Instant> timeAllAreValid(List<X509Certificate> path, Instant at) {
        Instant from = Instant.MIN;
        Instant to = Instant.MAX;
        for (X509Certificate certificate : path) {
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            from = notBefore.isAfter(from) ? notBefore : from;
            to = notAfter.isBefore(to) ? notAfter : to;
        }
        if (from.isAfter(to)) {
            return Optional.empty();
        }
        return Optional.of(at.isBefore(from) ? from : at.isAfter(to) ? to : at);
    }

    private static void checkValidity(List<X509Certificate> path, Instant at) {
        for (X509Certificate certificate : path) {
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            if (at.isAfter(notAfter)) {
                throw new QaqpaFault(ErrorCode.CERT_EXPIRED, "The certificate " + DistinguishedNames.shown(certificate)
                        + " expired on " + notAfter + " (message time " + at + ").");
            }
            if (at.isBefore(notBefore)) {
                throw new QaqpaFault(ErrorCode.CERT_EXPIRED, "The certificate " + DistinguishedNames.shown(certificate)
                        + " is not valid before " + notBefore + " (message time " + at + ").");
            }
        }
    }

    /** A certificate without a key usage extension is refused: NCA signing certificates always state it. */
    private static void checkKeyUsage(X509Certificate signer, Purpose purpose) {
        if (purpose == Purpose.ANY) {
            return;
        }
        boolean[] keyUsage = signer.getKeyUsage();
        if (keyUsage == null || !keyUsage[DIGITAL_SIGNATURE]) {
            throw new QaqpaFault(ErrorCode.CERT_KEY_USAGE, "The certificate " + DistinguishedNames.shown(signer)
                    + " is not allowed to sign: its key usage lacks digitalSignature.");
        }
        if (purpose == Purpose.BUSINESS && (keyUsage.length <= NON_REPUDIATION || !keyUsage[NON_REPUDIATION])) {
            throw new QaqpaFault(ErrorCode.CERT_KEY_USAGE, "The certificate " + DistinguishedNames.shown(signer)
                    + " may not sign business data: its key usage lacks nonRepudiation.");
        }
    }
}
