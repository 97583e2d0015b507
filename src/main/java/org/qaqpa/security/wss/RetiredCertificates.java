package org.qaqpa.security.wss;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.qaqpa.security.pki.Pem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates the gateway's key replaced, with the end of each one's grace period, kept in a file beside the
 * keystore ({@code gateway.p12} → {@code gateway.p12.retired}) so that a restart inside a grace period still
 * publishes them ({@code GET /certificate}) and keeps refusing them as request signers, as the running gateway did.
 * Certificates only, no key. Written on every rotation (beside, then renamed over), read at the start; an entry
 * whose grace period has ended is dropped. A file that cannot be read is reported and ignored: the gateway then
 * starts as it did before this file existed, publishing its current certificate only.
 *
 * <pre>
 * accepted-until: 2026-12-13T07:00:00Z
 * -----BEGIN CERTIFICATE-----
 * …
 * -----END CERTIFICATE-----
 * </pre>
 */
final class RetiredCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(RetiredCertificates.class);
    private static final String UNTIL = "accepted-until: ";
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private RetiredCertificates() {
    }

    /** The file beside {@code keystore}. */
    static Path beside(Path keystore) {
        return keystore.toAbsolutePath().resolveSibling(keystore.getFileName() + ".retired");
    }

    /** The entries of {@code file} still in their grace period at {@code now}, newest first as written; none when absent. */
    static List<GatewayKeyRing.Retired> read(Path file, Instant now) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<GatewayKeyRing.Retired> retired = new ArrayList<>();
            for (GatewayKeyRing.Retired entry : parse(Files.readString(file, StandardCharsets.US_ASCII))) {
                if (!now.isAfter(entry.acceptedUntil())) {
                    retired.add(entry);
                }
            }
            return List.copyOf(retired);
        } catch (IOException | IllegalArgumentException | DateTimeParseException | CertificateException e) {
            LOG.warn("Ignoring {}: {} (the replaced gateway certificates are not published after this restart)", file,
                    e.getMessage());
            return List.of();
        }
    }

    /** Replaces {@code file} with {@code retired} (an empty list leaves an empty file). */
    static void write(Path file, List<GatewayKeyRing.Retired> retired) throws IOException {
        StringBuilder text = new StringBuilder("# The certificates the gateway's key replaced, accepted until the time"
                + " given (security.key-rotation-grace); written by each rotation.\n");
        for (GatewayKeyRing.Retired entry : retired) {
            text.append(UNTIL).append(entry.acceptedUntil()).append('\n').append(Pem.certificate(entry.certificate()));
        }
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            TrustAnchors.move(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static List<GatewayKeyRing.Retired> parse(String text) throws CertificateException {
        List<GatewayKeyRing.Retired> entries = new ArrayList<>();
        Instant until = null;
        StringBuilder base64 = null;
        for (String line : text.split("\r?\n")) {
            if (line.startsWith(UNTIL)) {
                until = Instant.parse(line.substring(UNTIL.length()).trim());
            } else if (line.equals(BEGIN)) {
                base64 = new StringBuilder();
            } else if (line.equals(END) && base64 != null) {
                if (until == null) {
                    throw new IllegalArgumentException("a certificate without an '" + UNTIL.trim() + "' line before it");
                }
                entries.add(new GatewayKeyRing.Retired(certificate(base64.toString()), until));
                until = null;
                base64 = null;
            } else if (base64 != null) {
                base64.append(line.trim());
            }
        }
        return entries;
    }

    private static X509Certificate certificate(String base64) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }
}
