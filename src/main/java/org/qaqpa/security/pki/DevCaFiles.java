package org.qaqpa.security.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The development intermediate CA as kept on disk by {@link DevPki#writeTo}: its key store
 * ({@code inter.p12}), the OCSP responder's ({@code ocsp.p12}) and the list of revoked serials
 * ({@code revoked.txt}, one {@code SERIAL-HEX REVOCATION-TIME} line each). What the sandbox
 * certifying centre answers from, and what {@code qaqpa pki revoke} writes to. Several processes
 * may use the directory: the list is re-read whenever the file changes.
 */
public final class DevCaFiles {

    /** The file of revoked serials. */
    public static final String REVOKED_FILE = "revoked.txt";
    /** The CRL file a gateway trusting the development PKI reads (see {@link CrlFiles}). */
    public static final String CRL_FILE = "crl.pem";

    private final Path dir;
    private final Clock clock;
    private final CertificateAuthority intermediate;
    private final IssuedCertificate ocspResponder;
    private FileTime revokedModified;
    private Map<BigInteger, Instant> revoked = Map.of();

    private DevCaFiles(Path dir, Clock clock, IssuedCertificate intermediate, IssuedCertificate ocspResponder) {
        this.dir = dir;
        this.clock = clock;
        this.intermediate = new CertificateAuthority(intermediate);
        this.ocspResponder = ocspResponder;
    }

    /**
     * @throws IllegalArgumentException if {@code dir} holds no development PKI with the intermediate's key
     *         ({@code inter.p12}; PKIs written before the key was kept have none) or the password is wrong
     * @throws UncheckedIOException if a file cannot be read
     */
    public static DevCaFiles open(Path dir, char[] password, Clock clock) {
        Path inter = dir.resolve("inter.p12");
        if (!Files.isRegularFile(inter)) {
            throw new IllegalArgumentException(dir + " holds no development CA key (inter.p12); create the PKI with"
                    + " `qaqpa pki init` or let `qaqpa run` create it in an empty data directory");
        }
        return new DevCaFiles(dir, clock, IssuedCertificate.readPkcs12(inter, password),
                IssuedCertificate.readPkcs12(dir.resolve("ocsp.p12"), password));
    }

    public IssuedCertificate intermediate() {
        return intermediate.certificate();
    }

    public IssuedCertificate ocspResponder() {
        return ocspResponder;
    }

    /** Revoked serials with their revocation times, as the file says now. */
    public synchronized Map<BigInteger, Instant> revoked() {
        Path file = dir.resolve(REVOKED_FILE);
        try {
            if (!Files.exists(file)) {
                revoked = Map.of();
                revokedModified = null;
                return revoked;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(revokedModified)) {
                revoked = parse(Files.readAllLines(file, StandardCharsets.US_ASCII), file);
                revokedModified = modified;
            }
            return revoked;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Revokes {@code serial} from now (a second revocation of the same serial keeps the first time)
     * and re-issues {@value #CRL_FILE}, valid for {@code crlValidity}.
     *
     * @return the revocation time
     */
    public synchronized Instant revoke(BigInteger serial, Duration crlValidity) {
        Map<BigInteger, Instant> current = revoked();
        Instant at = current.get(serial);
        if (at == null) {
            at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            try {
                Files.writeString(dir.resolve(REVOKED_FILE), serial.toString(16) + " " + at + System.lineSeparator(),
                        StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + dir.resolve(REVOKED_FILE), e);
            }
        }
        X509CRL crl = crl(crlValidity);
        try {
            Path tmp = Files.createTempFile(dir, "crl", ".tmp");
            Files.writeString(tmp, Pem.encode("X509 CRL", crl.getEncoded()), StandardCharsets.US_ASCII);
            Files.move(tmp, dir.resolve(CRL_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(CRL_FILE), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the CRL", e);
        }
        return at;
    }

    /**
     * A CRL of the intermediate listing the revoked serials, from now for {@code validity}; its
     * number is the issue time in milliseconds, so numbers grow across processes and restarts.
     */
    public X509CRL crl(Duration validity) {
        Instant now = clock.instant();
        return intermediate.crl(revoked(), now, now.plus(validity), BigInteger.valueOf(now.toEpochMilli()));
    }

    /** The serial of a certificate as {@code revoke} takes it: hex digits, colons and a {@code 0x} prefix allowed. */
    public static Optional<BigInteger> parseSerial(String text) {
        String hex = text.strip().replace(":", "");
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (hex.isEmpty() || hex.length() > 40 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(hex, 16));
    }

    private static Map<BigInteger, Instant> parse(List<String> lines, Path file) {
        Map<BigInteger, Instant> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            Optional<BigInteger> serial = parseSerial(parts[0]);
            try {
                if (parts.length != 2 || serial.isEmpty()) {
                    throw new IllegalArgumentException("expected SERIAL-HEX TIME");
                }
                entries.putIfAbsent(serial.get(), Instant.parse(parts[1]));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a revocation line (" + e.getMessage() + ")");
            }
        }
        return Collections.unmodifiableMap(entries);
    }
}
