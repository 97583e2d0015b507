package org.qaqpa.ops.admin;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qaqpa.config.ConfigSection;
import org.qaqpa.security.pki.DistinguishedNames;
import org.qaqpa.security.wss.GatewayKeyRing;
import org.qaqpa.security.wss.KeyMaterialRefused;
import org.qaqpa.security.wss.KeyRotation;
import org.qaqpa.security.wss.TrustAnchors;

/**
 * {@code /admin/keys}: the gateway's signing certificate and those it replaced, and {@code POST /admin/keys/rotate},
 * which switches to a new key without a restart (docs/admin-api.md, docs/security.md "Key rotation").
 */
final class KeyResource {

    private final Optional<KeyRotation> rotation;
    private final Clock clock;

    /** @param rotation empty when the gateway signs nothing ({@code security.require-signature: false}) */
    KeyResource(Optional<KeyRotation> rotation, Clock clock) {
        this.rotation = rotation;
        this.clock = clock;
    }

    Map<String, Object> keys() {
        GatewayKeyRing keys = rotation().keys();
        Instant now = clock.instant();
        Map<String, Object> answer = new LinkedHashMap<>();
        Map<String, Object> current = describe(keys.current().certificate(), now);
        current.put("since", keys.currentSince().toString());
        answer.put("current", current);
        List<Map<String, Object>> previous = new ArrayList<>();
        for (GatewayKeyRing.Retired retired : keys.retired()) {
            Map<String, Object> row = describe(retired.certificate(), now);
            row.put("acceptedUntil", retired.acceptedUntil().toString());
            row.put("accepted", !now.isAfter(retired.acceptedUntil()));
            previous.add(row);
        }
        answer.put("previous", previous);
        answer.put("grace", ConfigSection.formatDuration(keys.grace()));
        return answer;
    }

    /**
     * @param body {@code {"pkcs12": BASE64, "password": TEXT}}
     * @throws AdminException 400 naming the field when the upload is refused, 409 when the gateway signs nothing
     */
    Map<String, Object> rotate(Map<String, Object> body) {
        KeyRotation keyRotation = rotation();
        byte[] pkcs12;
        try {
            pkcs12 = Base64.getMimeDecoder().decode(text(body, "pkcs12"));
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("pkcs12", "'pkcs12' must be the PKCS#12 file in base64");
        }
        Object password = body.get("password");
        if (!(password instanceof String text)) {
            throw AdminException.badRequest("password", "the body needs 'password': the PKCS#12 file's password");
        }
        try {
            keyRotation.rotate(pkcs12, text.toCharArray());
        } catch (KeyMaterialRefused e) {
            throw refused(e);
        }
        return keys();
    }

    /** The refusal of an uploaded key or anchor as the admin API answers it. */
    static AdminException refused(KeyMaterialRefused e) {
        return switch (e.kind()) {
            case INVALID -> AdminException.badRequest(e.field(), e.getMessage());
            case CONFLICT -> new AdminException(409, AdminException.CONFLICT, e.getMessage(), e.field());
            case NOT_FOUND -> new AdminException(404, AdminException.NOT_FOUND, e.getMessage(), e.field());
        };
    }

    /** What the admin API shows of a certificate. */
    static Map<String, Object> describe(X509Certificate certificate, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("subject", DistinguishedNames.shown(certificate));
        row.put("issuer", certificate.getIssuerX500Principal().getName());
        row.put("serial", TrustAnchors.serial(certificate));
        row.put("notBefore", certificate.getNotBefore().toInstant().toString());
        row.put("notAfter", certificate.getNotAfter().toInstant().toString());
        row.put("daysToExpiry", Duration.between(now, certificate.getNotAfter().toInstant()).toDays());
        return row;
    }

    private KeyRotation rotation() {
        return rotation.orElseThrow(() -> new AdminException(409, AdminException.CONFLICT,
                "security.require-signature is false: the gateway has no signing key"));
    }

    private static String text(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw AdminException.badRequest(key, "the body needs '" + key + "'");
        }
        return text;
    }
}
