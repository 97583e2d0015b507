package org.qaqpa.security.wss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.DistinguishedNames;
import org.qaqpa.security.pki.Pem;
import org.qaqpa.security.pki.TrustMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's trust anchors as they change at run time: the certificates of a directory (the configured
 * {@code security.trust-dir}, or beside the development PKI {@code <data>/trust-anchors}) plus, on the development
 * PKI, its roots, which cannot be removed. An anchor is added as a file of the directory and removed by deleting it,
 * then the whole set is read again and handed to the {@link CertificateValidator} at once, so a restart trusts the
 * same set and a check in flight finishes with the set it started with.
 */
public final class TrustAnchors {

    private static final Logger LOG = LoggerFactory.getLogger(TrustAnchors.class);
    /** The files the directory is read for, as {@code security.trust-dir} always was. */
    static final String GLOB = "*.{pem,crt,cer}";
    /** An uploaded anchor is at most this large; CA certificates are a few KiB. */
    public static final int MAX_BYTES = 256 * 1024;

    private final List<X509Certificate> fixed;
    private final Path dir;
    private final boolean dirRequired;
    private final CertificateValidator validator;
    private final Clock clock;
    /** What the directory held when it was last read: file names, sizes and modification times. */
    private List<String> readFrom = List.of();

    /**
     * @param fixed       anchors that are not in {@code dir} and cannot be removed (the development PKI's roots)
     * @param dir         the directory of the other anchors
     * @param dirRequired whether the directory must hold an anchor (it is the only source: {@code security.trust-dir})
     * @param validator   the validator whose anchors follow every change
     */
    TrustAnchors(List<X509Certificate> fixed, Path dir, boolean dirRequired, CertificateValidator validator, Clock clock) {
        this.fixed = List.copyOf(fixed);
        this.dir = dir;
        this.dirRequired = dirRequired;
        this.validator = validator;
        this.clock = clock;
    }

    /** The certificates of {@code dir} ({@code *.pem, *.crt, *.cer}, name order); none when it does not exist. */
    static List<X509Certificate> read(Path dir) {
        List<X509Certificate> all = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            for (Path file : TrustMaterial.files(dir, GLOB)) {
                all.addAll(TrustMaterial.readCertificates(file));
            }
        }
        return all;
    }

    /** The anchors trusted now. */
    public List<X509Certificate> all() {
        return validator.anchors();
    }

    /** Whether {@code anchor} can be removed (it is not one of the development PKI's roots). */
    public boolean removable(X509Certificate anchor) {
        return !fixed.contains(anchor);
    }

    /** The directory anchors are added to. */
    public Path dir() {
        return dir;
    }

    /**
     * Adds a CA certificate (PEM or DER, one certificate) as an anchor: written to the directory as
     * {@code anchor-SERIAL.pem} (through a temporary file renamed into place), then trusted.
     *
     * @throws KeyMaterialRefused when it is not one certificate, not a CA, not valid now, or already an anchor
     */
    public synchronized X509Certificate add(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw KeyMaterialRefused.invalid("body", "the certificate is larger than " + MAX_BYTES + " bytes");
        }
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, ".anchor-", ".tmp");
            try {
                Files.write(temporary, body);
                X509Certificate anchor = parse(temporary);
                check(anchor);
                Path target = dir.resolve("anchor-" + serial(anchor) + ".pem");
                Files.write(temporary, Pem.certificate(anchor).getBytes(StandardCharsets.US_ASCII));
                move(temporary, target);
                reload();
                LOG.info("trust anchor added: {} (serial {}) in {}", DistinguishedNames.shown(anchor), serial(anchor), target);
                return anchor;
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trust anchor into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the anchor with serial number {@code serialHex} (hexadecimal, as listed): its file is deleted, or
     * rewritten without it when it is one of a bundle.
     *
     * @throws KeyMaterialRefused when no anchor has that serial, several do, it is a development PKI root, or it is
     *         the last anchor of {@code security.trust-dir}
     */
    public synchronized X509Certificate remove(String serialHex) {
        BigInteger serial;
        try {
            serial = new BigInteger(serialHex, 16);
        } catch (NumberFormatException e) {
            throw KeyMaterialRefused.invalid("serial", "the serial number must be hexadecimal, as GET /admin/trust-anchors lists it");
        }
        List<X509Certificate> matching = all().stream().filter(anchor -> anchor.getSerialNumber().equals(serial)).toList();
        if (matching.isEmpty()) {
            throw new KeyMaterialRefused(KeyMaterialRefused.Kind.NOT_FOUND, "serial", "no trust anchor has serial " + serialHex);
        }
        if (matching.size() > 1) {
            throw new KeyMaterialRefused(KeyMaterialRefused.Kind.CONFLICT, "serial", "several trust anchors have serial "
                    + serialHex + "; remove the right file from " + dir + " by hand");
        }
        X509Certificate anchor = matching.get(0);
        if (!removable(anchor)) {
            throw new KeyMaterialRefused(KeyMaterialRefused.Kind.CONFLICT, "serial", "the anchor " + serialHex
                    + " is a root of the development PKI, which the gateway always trusts");
        }
        if (dirRequired && read(dir).size() == 1) {
            throw new KeyMaterialRefused(KeyMaterialRefused.Kind.CONFLICT, "serial", "the anchor " + serialHex
                    + " is the last one of security.trust-dir; add its successor first");
        }
        try {
            for (Path file : TrustMaterial.files(dir, GLOB)) {
                List<X509Certificate> certificates = TrustMaterial.readCertificates(file);
                if (!certificates.contains(anchor)) {
                    continue;
                }
                List<X509Certificate> rest = certificates.stream().filter(c -> !c.equals(anchor)).toList();
                if (rest.isEmpty()) {
                    Files.delete(file);
                } else {
                    Path temporary = Files.createTempFile(dir, ".anchor-", ".tmp");
                    try {
                        StringBuilder bundle = new StringBuilder();
                        rest.forEach(c -> bundle.append(Pem.certificate(c)));
                        Files.writeString(temporary, bundle, StandardCharsets.US_ASCII);
                        move(temporary, file);
                    } finally {
                        Files.deleteIfExists(temporary);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the trust anchor from " + dir + ": " + e.getMessage(), e);
        }
        reload();
        LOG.info("trust anchor removed: {} (serial {})", DistinguishedNames.shown(anchor), serialHex);
        return anchor;
    }

    /** Reads the anchors again (development roots and the directory) and makes the validator trust exactly them. */
    public synchronized void reload() {
        readFrom = contents();
        List<X509Certificate> anchors = new ArrayList<>(fixed);
        read(dir).stream().filter(anchor -> !anchors.contains(anchor)).forEach(anchors::add);
        validator.replaceAnchors(anchors);
    }

    /**
     * Reads the anchors again when a file of the directory was added, removed or changed since the last read: another
     * node sharing {@code security.trust-dir} uploaded or removed one, or an operator copied one in
     * ({@link TrustDirectoryWatch} asks every {@link TrustDirectoryWatch#INTERVAL}). A directory that must hold an
     * anchor and holds none keeps the anchors read before (refusing every signer is never what was meant).
     *
     * @return whether the anchors were read again
     * @throws IllegalArgumentException if a file is not a certificate (the anchors read before stay)
     * @throws java.io.UncheckedIOException if the directory cannot be listed (likewise)
     */
    public synchronized boolean reloadIfChanged() {
        List<String> now = contents();
        if (now.equals(readFrom)) {
            return false;
        }
        readFrom = now;
        if (dirRequired && read(dir).isEmpty()) {
            LOG.warn("{} holds no trust anchor now; keeping the {} read before", dir, validator.anchors().size());
            return false;
        }
        reload();
        LOG.info("trust anchors read again from {} (changed on disk): {} anchors", dir, validator.anchors().size());
        return true;
    }

    private List<String> contents() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> contents = new ArrayList<>();
        for (Path file : TrustMaterial.files(dir, GLOB)) {
            try {
                contents.add(file.getFileName() + " " + Files.size(file) + " " + Files.getLastModifiedTime(file));
            } catch (IOException e) {
                contents.add(file.getFileName() + " unreadable");
            }
        }
        return contents;
    }

    /** The serial number as it is listed and named in paths: lower-case hexadecimal. */
    public static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toLowerCase(Locale.ROOT);
    }

    private X509Certificate parse(Path file) {
        List<X509Certificate> certificates;
        try {
            certificates = TrustMaterial.readCertificates(file);
        } catch (IllegalArgumentException e) {
            throw KeyMaterialRefused.invalid("body", "the body is not a certificate (PEM or DER)");
        }
        if (certificates.size() != 1) {
            throw KeyMaterialRefused.invalid("body", "the body holds " + certificates.size()
                    + " certificates; upload one anchor per request");
        }
        return certificates.get(0);
    }

    private void check(X509Certificate anchor) {
        String shown = DistinguishedNames.shown(anchor);
        if (anchor.getBasicConstraints() < 0) {
            throw KeyMaterialRefused.invalid("body", "the certificate " + shown + " is not a CA certificate (no basicConstraints CA:true)");
        }
        boolean[] keyUsage = anchor.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= 5 || !keyUsage[5])) {
            throw KeyMaterialRefused.invalid("body", "the certificate " + shown + " may not sign certificates (key usage lacks keyCertSign)");
        }
        Instant now = clock.instant();
        if (now.isAfter(anchor.getNotAfter().toInstant())) {
            throw KeyMaterialRefused.invalid("body", "the certificate " + shown + " expired on " + anchor.getNotAfter().toInstant());
        }
        if (now.isBefore(anchor.getNotBefore().toInstant())) {
            throw KeyMaterialRefused.invalid("body", "the certificate " + shown + " is not valid before "
                    + anchor.getNotBefore().toInstant());
        }
        if (all().contains(anchor)) {
            throw new KeyMaterialRefused(KeyMaterialRefused.Kind.CONFLICT, "body", "the certificate " + shown
                    + " (serial " + serial(anchor) + ") is already a trust anchor");
        }
    }

    /** Renames over {@code target} in one step: a reader (another node sharing the directory) never sees half a file. */
    static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically in " + target.getParent(), e);
        }
    }
}
