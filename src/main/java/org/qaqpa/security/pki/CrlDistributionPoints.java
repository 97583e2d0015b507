package org.qaqpa.security.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.qaqpa.error.PrintableText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CRLs fetched from a certificate's CRL distribution points and freshest-CRL (delta) points, over
 * http(s). A fetched CRL is kept until its {@code nextUpdate}; a failed fetch is not retried for
 * {@link #RETRY_AFTER}, so a dead distribution point does not cost a timeout per message. What is
 * fetched is only a candidate: {@link CrlChecker} still verifies issuer, signature and time.
 */
public final class CrlDistributionPoints implements CrlSource {

    private static final Logger LOG = LoggerFactory.getLogger(CrlDistributionPoints.class);
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    /** At most this many URLs per certificate are tried: the extension is the signer's to write. */
    private static final int MAX_URLS = 4;

    private record Cached(X509CRL crl, Instant fetchedAt, Instant keepUntil) {
    }

    private final PkiHttp http;
    private final Clock clock;
    private final PkiFetches fetches;
    private final Map<URI, Cached> cache = new ConcurrentHashMap<>();
    private final Map<URI, Instant> failedUntil = new ConcurrentHashMap<>();

    public CrlDistributionPoints(Duration timeout, Clock clock) {
        this(timeout, clock, PkiFetches.NONE);
    }

    /** @param fetches told of each download (not of CRLs taken from the cache) */
    public CrlDistributionPoints(Duration timeout, Clock clock, PkiFetches fetches) {
        this.http = new PkiHttp(timeout);
        this.clock = clock;
        this.fetches = fetches;
    }

    @Override
    public List<X509CRL> crlsFor(X509Certificate certificate) {
        List<X509CRL> crls = new ArrayList<>();
        for (URI uri : urls(certificate)) {
            X509CRL crl = fetch(uri);
            if (crl != null) {
                crls.add(crl);
            }
        }
        return crls;
    }

    /** The CRLs fetched so far and still kept, by the address they came from (for the admin API's list). */
    public Map<URI, X509CRL> fetched() {
        Map<URI, X509CRL> all = new TreeMap<>();
        cache.forEach((uri, cached) -> all.put(uri, cached.crl()));
        return all;
    }

    /** The http(s) URLs of the CRL distribution points, then of the freshest-CRL points. */
    static List<URI> urls(X509Certificate certificate) {
        List<URI> urls = new ArrayList<>();
        addUrls(certificate, Extension.cRLDistributionPoints, urls);
        addUrls(certificate, Extension.freshestCRL, urls);
        return urls.size() > MAX_URLS ? urls.subList(0, MAX_URLS) : urls;
    }

    private static void addUrls(X509Certificate certificate, org.bouncycastle.asn1.ASN1ObjectIdentifier oid, List<URI> urls) {
        byte[] value = certificate.getExtensionValue(oid.getId());
        if (value == null) {
            return;
        }
        try {
            for (DistributionPoint point : CRLDistPoint.getInstance(ASN1OctetString.getInstance(value).getOctets())
                    .getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        URI uri = URI.create(general.getName().toString());
                        if (PkiHttp.fetchable(uri)) {
                            urls.add(uri);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.info("ignoring an unreadable CRL distribution point extension of {}", DistinguishedNames.shown(certificate));
        }
    }

    private X509CRL fetch(URI uri) {
        Instant now = clock.instant();
        Cached cached = cache.get(uri);
        if (cached != null && now.isBefore(cached.keepUntil())) {
            return cached.crl();
        }
        Instant retry = failedUntil.get(uri);
        if (retry != null && now.isBefore(retry)) {
            return cached == null ? null : cached.crl();
        }
        try {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(http.get(uri)));
            Instant keepUntil = crl.getNextUpdate() == null ? now.plus(RETRY_AFTER) : crl.getNextUpdate().toInstant();
            cache.put(uri, new Cached(crl, now, keepUntil.isAfter(now) ? keepUntil : now.plus(RETRY_AFTER)));
            failedUntil.remove(uri);
            fetches.fetched("crl", "ok");
            LOG.info("fetched the CRL {} (next update {})", uri, crl.getNextUpdate() == null ? "none" : crl.getNextUpdate().toInstant());
            return crl;
        } catch (IOException | CRLException | CertificateException | RuntimeException e) {
            failedUntil.put(uri, now.plus(RETRY_AFTER));
            fetches.fetched("crl", "error");
            LOG.warn("cannot fetch the CRL {}: {}", uri, PrintableText.of(String.valueOf(e.getMessage()), 200));
            return cached == null ? null : cached.crl();
        }
    }
}
