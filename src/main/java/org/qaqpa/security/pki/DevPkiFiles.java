package org.qaqpa.security.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Writes the development PKI's files into one directory, keys readable by their owner only. */
final class DevPkiFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    private final List<Path> written = new ArrayList<>();

    DevPkiFiles(Path dir, boolean overwrite) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            if (!overwrite && !isEmpty(dir)) {
                throw new IllegalArgumentException(dir + " is not empty; refusing to overwrite an existing PKI");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    void certificate(String name, IssuedCertificate issued) {
        try {
            write(name + "-cert.pem", false, Pem.encode("CERTIFICATE", issued.certificate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the certificate " + name, e);
        }
    }

    void keyAndCertificate(String name, IssuedCertificate issued, char[] password) {
        certificate(name, issued);
        // getEncoded() of a JCA private key is its PKCS#8 PrivateKeyInfo
        write(name + "-key.pem", true, Pem.encode("PRIVATE KEY", issued.privateKey().getEncoded()));
        Path p12 = create(name + ".p12", true);
        try (OutputStream out = Files.newOutputStream(p12, StandardOpenOption.TRUNCATE_EXISTING)) {
            issued.toPkcs12(name, password).store(out, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p12, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store " + p12, e);
        }
    }

    void crl(String name, X509CRL crl) {
        try {
            write(name + ".pem", false, Pem.encode("X509 CRL", crl.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the CRL", e);
        }
    }

    List<Path> written() {
        return List.copyOf(written);
    }

    private void write(String fileName, boolean secret, String content) {
        Path file = create(fileName, secret);
        try {
            Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Creates the file anew, so a secret one has mode 600 from its first byte (never briefly world
     * readable) even when an older file of the same name had other permissions.
     */
    private Path create(String fileName, boolean secret) {
        Path file = dir.resolve(fileName);
        try {
            Files.deleteIfExists(file);
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] attributes = secret && posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            Files.createFile(file, attributes);
            if (secret && posix) {
                // createFile applies the umask; set the mode exactly
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        written.add(file);
        return file;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
