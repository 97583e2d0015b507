package org.qaqpa.cli;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.VerifiedSignature;
import org.qaqpa.security.pki.NcaSubject;
import org.qaqpa.security.pki.ValidatedSigner;

/** The outcome of {@code qaqpa dsig verify}: its exit code and its text or JSON form. */
record VerificationReport(String result, ErrorCode errorCode, String message, ValidatedSigner signer, List<String> references) {

    static VerificationReport valid(VerifiedSignature signature, ValidatedSigner signer) {
        return new VerificationReport("valid", null, null, signer, signature.references());
    }

    static VerificationReport refused(QaqpaFault fault) {
        String result = switch (fault.code()) {
            case SIGNATURE_INVALID -> "invalid";
            case MESSAGE_INVALID -> "error";
            default -> "refused";
        };
        return new VerificationReport(result, fault.code(), fault.getMessage(), null, List.of());
    }

    static VerificationReport error(String message) {
        return new VerificationReport("error", null, message, null, List.of());
    }

    /** 0 valid, 1 cryptographically invalid, 2 refused by policy or trust, 3 usage or I/O error. */
    int exitCode() {
        return switch (result) {
            case "valid" -> 0;
            case "invalid" -> 1;
            case "refused" -> 2;
            default -> 3;
        };
    }

    String toText() {
        if (signer == null) {
            return result + (errorCode == null ? "" : ": " + errorCode) + ": " + message;
        }
        X509Certificate cert = signer.certificate();
        NcaSubject subject = signer.subject();
        return "valid: signed by " + cert.getSubjectX500Principal().getName()
                + subject.iin().map(iin -> ", IIN " + iin).orElse("")
                + subject.bin().map(bin -> ", BIN " + bin).orElse("")
                + ", serial " + cert.getSerialNumber().toString(16)
                + ", valid until " + cert.getNotAfter().toInstant()
                + "; references " + String.join(" ", references.stream().map(r -> r.isEmpty() ? "\"\"" : r).toList());
    }

    String toJson() {
        StringBuilder json = new StringBuilder("{\"result\":").append(quote(result));
        json.append(",\"errorCode\":").append(errorCode == null ? "null" : quote(errorCode.name()));
        if (message != null) {
            json.append(",\"message\":").append(quote(message));
        }
        if (signer != null) {
            X509Certificate cert = signer.certificate();
            NcaSubject subject = signer.subject();
            json.append(",\"signer\":{\"subject\":").append(quote(cert.getSubjectX500Principal().getName()))
                    .append(",\"iin\":").append(subject.iin().map(VerificationReport::quote).orElse("null"))
                    .append(",\"bin\":").append(subject.bin().map(VerificationReport::quote).orElse("null"))
                    .append(",\"serial\":").append(quote(cert.getSerialNumber().toString(16)))
                    .append(",\"notAfter\":").append(quote(cert.getNotAfter().toInstant().toString()))
                    .append('}');
        }
        json.append(",\"references\":[")
                .append(references.stream().map(VerificationReport::quote).collect(Collectors.joining(",")))
                .append("]}");
        return json.toString();
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
