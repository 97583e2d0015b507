package org.qaqpa.ops.admin;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qaqpa.security.wss.KeyMaterialRefused;
import org.qaqpa.security.wss.TrustAnchors;

/**
 * {@code /admin/trust-anchors}: lists the anchors, adds a CA certificate and removes one by serial number; the
 * gateway trusts the new set from the next request on, no restart (docs/security.md "Trust anchors").
 */
final class TrustAnchorResource {

    private final Optional<TrustAnchors> anchors;
    private final Clock clock;

    /** @param anchors empty when the gateway checks no signature ({@code security.require-signature: false}) */
    TrustAnchorResource(Optional<TrustAnchors> anchors, Clock clock) {
        this.anchors = anchors;
        this.clock = clock;
    }

    Map<String, Object> list() {
        TrustAnchors trust = anchors();
        Instant now = clock.instant();
        List<Map<String, Object>> rows = trust.all().stream().map(anchor -> row(trust, anchor, now)).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("anchors", rows);
        answer.put("dir", trust.dir().toString());
        return answer;
    }

    Map<String, Object> add(byte[] body) {
        TrustAnchors trust = anchors();
        try {
            return row(trust, trust.add(body), clock.instant());
        } catch (KeyMaterialRefused e) {
            throw KeyResource.refused(e);
        }
    }

    Map<String, Object> remove(String serial) {
        TrustAnchors trust = anchors();
        try {
            X509Certificate removed = trust.remove(serial);
            Map<String, Object> answer = KeyResource.describe(removed, clock.instant());
            answer.put("removed", true);
            return answer;
        } catch (KeyMaterialRefused e) {
            throw KeyResource.refused(e);
        }
    }

    private static Map<String, Object> row(TrustAnchors trust, X509Certificate anchor, Instant now) {
        Map<String, Object> row = KeyResource.describe(anchor, now);
        row.put("removable", trust.removable(anchor));
        return row;
    }

    private TrustAnchors anchors() {
        return anchors.orElseThrow(() -> new AdminException(409, AdminException.CONFLICT,
                "security.require-signature is false: the gateway checks no certificate"));
    }
}
