package org.qaqpa.ops.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509CRL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.Extension;
import org.qaqpa.security.pki.TrustMaterial;

/**
 * {@code POST /admin/crls/{file}}: puts a CRL into {@code security.crl-dir}, whose files the gateway reads again
 * every few seconds ({@code CrlFiles}), so the list is used without restart on this node, and on every node sharing
 * the directory. The upload is checked to be a CRL (PEM or DER) on a temporary file beside the target, then renamed
 * over it atomically: a reader never sees half a file. Whether its issuer is trusted is checked where CRLs are used
 * (a CRL no trusted CA signed is ignored there), as for a file copied into the directory by hand.
 */
final class CrlUpload {

    /** The largest CRL accepted; a national CA's full CRL is a few MiB. */
    static final int MAX_BYTES = 32 * 1024 * 1024;
    /** A plain file name the directory's glob ({@code *.pem}, {@code *.crl}) reads. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}\\.(pem|crl)");

    private final Optional<Path> crlDir;

    /** @param crlDir the directory the gateway reads CRLs from; empty: uploads are refused */
    CrlUpload(Optional<Path> crlDir) {
        this.crlDir = crlDir;
    }

    Map<String, Object> upload(String fileName, byte[] body) {
        Path dir = directory();
        checkName(fileName);
        if (body.length > MAX_BYTES) {
            throw AdminException.badRequest("body", "the CRL is larger than " + MAX_BYTES + " bytes");
        }
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, "." + fileName + ".", ".tmp");
            try {
                Files.write(temporary, body);
                X509CRL crl;
                try {
                    crl = TrustMaterial.readCrl(temporary);
                } catch (IllegalArgumentException e) {
                    throw AdminException.badRequest("body", "the body is not a CRL (PEM or DER)");
                }
                Path target = dir.resolve(fileName);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the file system cannot rename atomically in " + dir, e);
                }
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("file", target.toString());
                answer.putAll(describe(crl));
                return answer;
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CRL into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The upload directory; a 409 when there is none. */
    Path directory() {
        return crlDir.orElseThrow(() -> new AdminException(409, AdminException.CONFLICT,
                "no CRL directory to upload to: security.crl-dir is read only with security.trust-dir (the development"
                        + " PKI's is DATA/crls), and no CRL is used with security.require-signature: false"));
    }

    /** Refuses a name that is not a plain {@code .pem}/{@code .crl} file name (a path, another extension). */
    static void checkName(String fileName) {
        if (!FILE_NAME.matcher(fileName).matches()) {
            throw AdminException.badRequest("file", "the file name must be letters, digits, '_', '-' and '.', ending in"
                    + " .pem or .crl (the names the CRL directory is read for)");
        }
    }

    /** What the admin API tells of a CRL: issuer, validity, number of entries, whether it is a delta CRL. */
    static Map<String, Object> describe(X509CRL crl) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("issuer", crl.getIssuerX500Principal().getName());
        row.put("thisUpdate", crl.getThisUpdate().toInstant().toString());
        row.put("nextUpdate", crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant().toString());
        row.put("revoked", crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size());
        row.put("delta", crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null);
        return row;
    }
}
