package org.qaqpa.security.wss;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * The gateway's signing key as it changes at run time: the current key, which signs every new answer and provider
 * request, and the certificates it replaced, each still accepted (published beside the current one) until its grace
 * period ends. One immutable state behind a volatile field: a signature started with the old key finishes with it,
 * the next one takes the new key, and no reader ever sees a key without its certificate.
 */
public final class GatewayKeyRing {

    /** A replaced certificate and the end of its grace period. */
    public record Retired(X509Certificate certificate, Instant acceptedUntil) {
    }

    private record State(IssuedCertificate current, XmlSigner signer, Instant since, List<Retired> retired) {
    }

    private final Duration grace;
    private volatile State state;

    /**
     * @param key   the key loaded at start
     * @param since when it became the current key (the start)
     * @param grace how long a replaced certificate stays accepted ({@code security.key-rotation-grace})
     */
    public GatewayKeyRing(IssuedCertificate key, Instant since, Duration grace) {
        this(key, since, grace, List.of());
    }

    /**
     * @param retired the certificates earlier rotations replaced, still in their grace period (kept across a restart
     *                by {@link RetiredCertificates}); one equal to {@code key}'s is left out
     */
    public GatewayKeyRing(IssuedCertificate key, Instant since, Duration grace, List<Retired> retired) {
        this.grace = Objects.requireNonNull(grace, "grace");
        this.state = new State(key, signer(key), since, retired.stream()
                .filter(r -> !r.certificate().equals(key.certificate())).toList());
    }

    /** The key that signs now. */
    public IssuedCertificate current() {
        return state.current();
    }

    /** When the current key took over. */
    public Instant currentSince() {
        return state.since();
    }

    /** The signer of the current key (built once per key: answers are signed on every request thread). */
    public XmlSigner signer() {
        return state.signer();
    }

    /**
     * Every certificate the current one replaced (since the start, and those of earlier runs still in their grace
     * period then), newest first, with the end of its grace period.
     */
    public List<Retired> retired() {
        return state.retired();
    }

    /** The current certificate, then the replaced ones whose grace period has not ended at {@code now}. */
    public List<X509Certificate> accepted(Instant now) {
        State current = state;
        List<X509Certificate> accepted = new ArrayList<>();
        accepted.add(current.current().certificate());
        for (Retired retired : current.retired()) {
            if (!now.isAfter(retired.acceptedUntil())) {
                accepted.add(retired.certificate());
            }
        }
        return List.copyOf(accepted);
    }

    /** Whether {@code certificate} is the current one or one still in its grace period at {@code now}. */
    public boolean accepts(X509Certificate certificate, Instant now) {
        return accepted(now).contains(certificate);
    }

    /** Whether the gateway signs or has signed with {@code certificate} (such a certificate never signs a request). */
    public boolean isOwn(X509Certificate certificate) {
        State current = state;
        return current.current().certificate().equals(certificate)
                || current.retired().stream().anyMatch(retired -> retired.certificate().equals(certificate));
    }

    /** How long a replaced certificate stays accepted. */
    public Duration grace() {
        return grace;
    }

    /**
     * Makes {@code next} the signing key from now on; the replaced certificate stays accepted until {@code now} plus
     * the grace period. Rotating to the current certificate again changes nothing.
     *
     * @return the replaced key
     */
    public synchronized IssuedCertificate rotate(IssuedCertificate next, Instant now) {
        State old = state;
        if (old.current().certificate().equals(next.certificate())) {
            return old.current();
        }
        List<Retired> retired = new ArrayList<>();
        retired.add(new Retired(old.current().certificate(), now.plus(grace)));
        old.retired().stream().filter(r -> !r.certificate().equals(next.certificate())).forEach(retired::add);
        state = new State(next, signer(next), now, List.copyOf(retired));
        return old.current();
    }

    private static XmlSigner signer(IssuedCertificate key) {
        return new XmlSigner(key.privateKey(), key.certificate());
    }
}
