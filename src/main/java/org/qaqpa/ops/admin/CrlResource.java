package org.qaqpa.ops.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qaqpa.security.pki.TrustMaterial;
import org.qaqpa.security.wss.GatewayCrls;

/**
 * {@code /admin/crls}: lists the CRLs the gateway checks certificates with, uploads one ({@link CrlUpload}) and
 * removes one of the upload directory. After an upload or a removal the directory is read again at once, so the
 * next certificate check uses the CRLs as they are now (a removed CRL no longer refuses anything), not only after
 * the directory's next periodic look (docs/admin-api.md "CRLs").
 */
final class CrlResource {

    private final Optional<GatewayCrls> crls;
    private final CrlUpload upload;
    private final Clock clock;

    /** @param crls empty when the gateway checks no signature ({@code security.require-signature: false}) */
    CrlResource(Optional<GatewayCrls> crls, Clock clock) {
        this.crls = crls;
        this.upload = new CrlUpload(crls.flatMap(GatewayCrls::uploadDir));
        this.clock = clock;
    }

    Map<String, Object> list() {
        GatewayCrls gateway = crls.orElseThrow(() -> new AdminException(409, AdminException.CONFLICT,
                "security.require-signature is false: the gateway checks no certificate"));
        Instant now = clock.instant();
        List<Map<String, Object>> rows = gateway.list().stream().map(listed -> row(listed, now)).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("crls", rows);
        answer.put("dir", gateway.uploadDir().map(Path::toString).orElse(null));
        return answer;
    }

    Map<String, Object> upload(String fileName, byte[] body) {
        Map<String, Object> answer = upload.upload(fileName, body);
        crls.ifPresent(GatewayCrls::readAgain);
        return answer;
    }

    Map<String, Object> remove(String fileName) {
        Path dir = upload.directory();
        CrlUpload.checkName(fileName);
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw AdminException.notFound("no CRL file '" + fileName + "' in " + dir);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("file", file.toString());
        try {
            answer.putAll(CrlUpload.describe(TrustMaterial.readCrl(file)));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            answer.put("problem", "not readable as a CRL"); // removing a broken file is allowed
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the CRL " + file + ": " + e.getMessage(), e);
        }
        crls.ifPresent(GatewayCrls::readAgain);
        answer.put("removed", true);
        return answer;
    }

    private static Map<String, Object> row(GatewayCrls.Listed listed, Instant now) {
        X509CRL crl = listed.crl();
        Map<String, Object> row = new LinkedHashMap<>();
        boolean file = listed.origin() != GatewayCrls.Origin.DISTRIBUTION_POINT;
        row.put("name", file ? Path.of(listed.location()).getFileName().toString() : null);
        row.put("origin", listed.origin().shown());
        row.put("location", listed.location());
        row.putAll(CrlUpload.describe(crl));
        row.put("overdue", crl.getNextUpdate() == null || crl.getNextUpdate().toInstant().isBefore(now));
        row.put("removable", listed.origin() == GatewayCrls.Origin.DIRECTORY);
        return row;
    }
}
