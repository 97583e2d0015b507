package org.qaqpa.security.pki;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Finds a chain from a signer to a trust anchor through presented and configured intermediates,
 * each link checked by issuer name, key identifiers and signature.
 */
final class TrustPathBuilder {

    /** Certificates in a path, signer and anchor included; NCA paths have three. */
    static final int MAX_PATH_LENGTH = 8;

    private final List<X509Certificate> anchors;
    private final List<X509Certificate> intermediates;

    TrustPathBuilder(List<X509Certificate> anchors, List<X509Certificate> intermediates) {
        this.anchors = anchors;
        this.intermediates = intermediates;
    }

    /** The path, signer first and anchor last, or empty if there is none. */
    Optional<List<X509Certificate>> build(X509Certificate signer, List<X509Certificate> presented) {
        Set<X509Certificate> pool = new LinkedHashSet<>(presented);
        pool.addAll(intermediates);
        List<X509Certificate> path = new ArrayList<>(List.of(signer));
        return extend(path, List.copyOf(pool), new HashSet<>());
    }

    /**
     * Depth-first search. Each certificate is expanded once at most: a crafted set of certificates
     * that all sign each other would otherwise make the search factorial in their number.
     */
    private Optional<List<X509Certificate>> extend(List<X509Certificate> path, List<X509Certificate> pool,
                                                   Set<X509Certificate> expanded) {
        X509Certificate last = path.get(path.size() - 1);
        if (anchors.contains(last)) {
            return Optional.of(List.copyOf(path));
        }
        if (!expanded.add(last)) {
            return Optional.empty();
        }
        for (X509Certificate anchor : anchors) {
            if (issuedBy(last, anchor)) {
                path.add(anchor);
                return Optional.of(List.copyOf(path));
            }
        }
        if (path.size() + 2 > MAX_PATH_LENGTH) { // room for one more CA and the anchor
            return Optional.empty();
        }
        for (X509Certificate candidate : pool) {
            if (!path.contains(candidate) && issuedBy(last, candidate)) {
                path.add(candidate);
                Optional<List<X509Certificate>> found = extend(path, pool, expanded);
                if (found.isPresent()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return Optional.empty();
    }

    static boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
        return certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                && keyIdentifiersAgree(certificate, issuer)
                && IssuerSignature.verifies(certificate, issuer.getPublicKey());
    }

    /** A cheap filter before the signature check; when either identifier is absent or unreadable, it does not decide. */
    private static boolean keyIdentifiersAgree(X509Certificate certificate, X509Certificate issuer) {
        byte[] authorityKeyId = authorityKeyId(certificate);
        byte[] subjectKeyId = subjectKeyId(issuer);
        return authorityKeyId == null || subjectKeyId == null || Arrays.equals(authorityKeyId, subjectKeyId);
    }

    private static byte[] authorityKeyId(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        try {
            return value == null ? null
                    : AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getKeyIdentifier();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] subjectKeyId(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        try {
            return value == null ? null
                    : SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getKeyIdentifier();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
