package org.qaqpa.security.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.util.io.pem.PemObject;

/** What to trust: anchors (roots), untrusted intermediates that may complete a path, CRLs, and whether revocation is required. */
public record TrustMaterial(List<X509Certificate> anchors, List<X509Certificate> intermediates, List<X509CRL> crls,
                            RevocationMode revocation) {

    /** Files larger than this are not certificate bundles; refusing them early bounds the memory a bad path can take. */
    private static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

    public TrustMaterial {
        anchors = List.copyOf(anchors);
        intermediates = List.copyOf(intermediates);
        crls = List.copyOf(crls);
        Objects.requireNonNull(revocation, "revocation");
    }

    /**
     * The certificates of a PEM file (one or many {@code CERTIFICATE} blocks; text between blocks is ignored)
     * or of a DER file holding one certificate.
     *
     * @throws IllegalArgumentException "not a PEM certificate: FILE" if the file holds no certificate,
     *         a block of another type, or a block that does not parse
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<X509Certificate> readCertificates(Path pem) {
        byte[] bytes = read(pem);
        if (bytes.length > 0 && bytes[0] == 0x30) {
            // A DER SEQUENCE: a single binary certificate, as the NCA publishes its CA certificates (*.cer).
            try {
                return List.of((X509Certificate) factory().generateCertificate(new ByteArrayInputStream(bytes)));
            } catch (CertificateException | RuntimeException e) {
                throw notACertificate(pem, "DER data does not parse", e);
            }
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        List<PemObject> blocks;
        try {
            blocks = Pem.decode(text);
        } catch (IOException | RuntimeException e) {
            throw notACertificate(pem, "malformed PEM", e);
        }
        if (blocks.isEmpty()) {
            throw notACertificate(pem, "no CERTIFICATE block", null);
        }
        List<X509Certificate> certificates = new ArrayList<>(blocks.size());
        for (PemObject block : blocks) {
            if (!block.getType().equals("CERTIFICATE")) {
                throw notACertificate(pem, "found a " + block.getType() + " block", null);
            }
            try {
                certificates.add((X509Certificate) factory().generateCertificate(new ByteArrayInputStream(block.getContent())));
            } catch (CertificateException | RuntimeException e) {
                throw notACertificate(pem, "block " + (certificates.size() + 1) + " does not parse", e);
            }
        }
        return List.copyOf(certificates);
    }

    /**
     * A CRL from a PEM ({@code X509 CRL}) or DER file.
     *
     * @throws IllegalArgumentException "not a CRL: FILE" if it does not parse
     * @throws UncheckedIOException if the file cannot be read
     */
    public static X509CRL readCrl(Path pemOrDer) {
        byte[] bytes = read(pemOrDer);
        X509CRL crl;
        try {
            // the JDK's factory recognises both DER and PEM armour
            crl = (X509CRL) factory().generateCRL(new ByteArrayInputStream(bytes));
        } catch (CRLException | RuntimeException e) {
            throw new IllegalArgumentException("not a CRL: " + pemOrDer, e);
        }
        if (crl == null) {
            throw new IllegalArgumentException("not a CRL: " + pemOrDer + " (empty)");
        }
        return crl;
    }

    /**
     * The files of {@code dir} matching {@code glob}, in name order (so a bundle reads the same way each time).
     *
     * @throws UncheckedIOException if the directory cannot be listed
     */
    public static List<Path> files(Path dir, String glob) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        files.sort(null);
        return files;
    }

    private static byte[] read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static IllegalArgumentException notACertificate(Path pem, String why, Throwable cause) {
        return new IllegalArgumentException("not a PEM certificate: " + pem + " (" + why + ")", cause);
    }

    private static CertificateFactory factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    }
}
