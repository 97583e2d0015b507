package org.qaqpa.ops.admin;

import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.log.MessageLogReader;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.InspectedSignature;
import org.qaqpa.security.dsig.SignatureInspector;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.NcaSubject;
import org.qaqpa.security.wss.ProviderSecurity;
import org.qaqpa.xml.SecureDocuments;
import org.w3c.dom.Document;

/**
 * The {@code signatures} of {@code GET /admin/log/{id}} (docs/admin-api.md): for the row and the other rows of its
 * exchange (the request and its answer), every signature of the stored envelope as {@link SignatureInspector}
 * checks it now: whether it verifies, who signed (NCA subject: IIN, BIN, organisation) and what the gateway's
 * certificate validator says of the chain today. A row without a stored envelope, or with one that cannot be
 * parsed, gets an empty list and a note: the detail view never fails because of an envelope.
 */
final class LogSignatures {

    /** Rows of an exchange whose envelopes are checked at most (a request, its answer, a few async steps). */
    static final int MAX_ROWS = 10;

    private final MessageLogReader reader;
    private final SignatureInspector inspector;
    private final SecureDocuments documents;

    LogSignatures(MessageLogReader reader, SignatureInspector inspector, SecureDocuments documents) {
        this.reader = reader;
        this.inspector = inspector;
        this.documents = documents;
    }

    /**
     * With the gateway's verifier and certificate validator when it checks signatures ({@code signatureChecks}),
     * else with a verifier of the configured algorithm policy and no chain check.
     */
    static LogSignatures of(GatewayConfig config, MessageLogReader reader, Optional<ProviderSecurity> signatureChecks,
                            Clock clock) {
        XmlSignatureVerifier verifier = signatureChecks.map(ProviderSecurity::verifier).orElseGet(() -> new XmlSignatureVerifier(
                new AlgorithmTable(config.security().allowLegacySha1()), true, XmlSignatureVerifier.defaultIdAttributes(), List.of()));
        SecureDocuments documents = new SecureDocuments(config.xmlLimits());
        return new LogSignatures(reader, new SignatureInspector(verifier, signatureChecks.map(ProviderSecurity::certificates),
                documents, clock), documents);
    }

    /** One object per row, in the exchange's order: {@code {rowId, kind, current, note, signatures: […]}}. */
    List<Map<String, Object>> of(LoggedRow row) throws SQLException {
        List<LoggedRow> rows = new ArrayList<>();
        if (row.sessionId() != null) {
            reader.exchange(row.sessionId()).stream().filter(other -> other.id() != row.id()).limit(MAX_ROWS - 1)
                    .forEach(rows::add);
        }
        rows.add(row);
        rows.sort((a, b) -> Long.compare(a.id(), b.id()));
        List<Map<String, Object>> answer = new ArrayList<>(rows.size());
        for (LoggedRow each : rows) {
            answer.add(rowSignatures(each, each.id() == row.id()));
        }
        return answer;
    }

    private Map<String, Object> rowSignatures(LoggedRow row, boolean current) throws SQLException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("rowId", row.id());
        entry.put("kind", row.kind().name());
        entry.put("current", current);
        List<Map<String, Object>> signatures = new ArrayList<>();
        entry.put("note", note(row, signatures));
        entry.put("signatures", signatures);
        return entry;
    }

    /** Fills {@code signatures} from the row's envelope; the note says why it stays empty, null when it does not. */
    private String note(LoggedRow row, List<Map<String, Object>> signatures) throws SQLException {
        Optional<byte[]> body = reader.body(row.id());
        if (body.isEmpty()) {
            return "the envelope is not stored (log.store: metadata, or the body retention dropped it)";
        }
        Document document;
        try {
            document = documents.parse(new ByteArrayInputStream(body.get()));
        } catch (RuntimeException e) { // QaqpaFault with the parser's reason, or what StAX throws unchecked
            return "the stored envelope cannot be read as XML: " + e.getMessage();
        }
        List<InspectedSignature> found;
        try {
            found = inspector.inspect(document);
        } catch (RuntimeException e) {
            return "the signatures cannot be checked: " + e.getMessage();
        }
        found.forEach(signature -> signatures.add(json(signature)));
        return found.isEmpty() ? "the envelope carries no signature" : null;
    }

    private static Map<String, Object> json(InspectedSignature signature) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", signature.mode() == XmlSignatureVerifier.Mode.WSS ? "transport" : "data");
        json.put("covers", signature.covers());
        json.put("algorithm", signature.algorithm());
        json.put("valid", signature.valid());
        json.put("signatureValid", signature.problem().isEmpty());
        json.put("problem", signature.problem().map(LogSignatures::refusal).orElse(null));
        json.put("signer", signature.signer().map(LogSignatures::signer).orElse(null));
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("status", signature.chain().status().name().toLowerCase(Locale.ROOT));
        chain.put("code", signature.chain().refusal().map(refusal -> refusal.code().name()).orElse(null));
        chain.put("message", signature.chain().refusal().map(QaqpaFault::getMessage).or(() -> signature.chain().note())
                .orElse(null));
        json.put("chain", chain);
        json.put("references", signature.references());
        return json;
    }

    private static Map<String, Object> refusal(QaqpaFault fault) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", fault.code().name());
        json.put("message", fault.getMessage());
        return json;
    }

    private static Map<String, Object> signer(X509Certificate certificate) {
        NcaSubject subject = NcaSubject.of(certificate.getSubjectX500Principal());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subject", certificate.getSubjectX500Principal().getName());
        json.put("commonName", subject.commonName());
        json.put("iin", subject.iin().orElse(null));
        json.put("bin", subject.bin().orElse(null));
        json.put("organization", subject.organization().orElse(null));
        json.put("serial", certificate.getSerialNumber().toString(16));
        json.put("issuer", certificate.getIssuerX500Principal().getName());
        json.put("notBefore", certificate.getNotBefore().toInstant().toString());
        json.put("notAfter", certificate.getNotAfter().toInstant().toString());
        json.put("keyAlgorithm", certificate.getPublicKey().getAlgorithm());
        return json;
    }
}
