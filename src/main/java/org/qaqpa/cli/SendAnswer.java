package org.qaqpa.cli;

import static org.qaqpa.sandbox.SyncMessages.child;
import static org.qaqpa.sandbox.SyncMessages.text;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.ValidatedSigner;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What {@code qaqpa send} makes of the gateway's answer: its transport signature is verified and its
 * signer validated before anything is printed; an unsigned fault is still shown (the gateway does not
 * sign refusals of requests whose own signature failed), marked as such.
 */
final class SendAnswer {

    private final byte[] body;
    private final CertificateValidator validator;
    private final Clock clock;

    SendAnswer(byte[] body, CertificateValidator validator, Clock clock) {
        this.body = body;
        this.validator = validator;
        this.clock = clock;
    }

    /** Prints the answer or the fault; returns the exit code of {@link SendCommand}. */
    int print() {
        Document envelope;
        try {
            envelope = new SecureDocuments(XmlLimits.defaults()).parse(new ByteArrayInputStream(body));
        } catch (QaqpaFault f) {
            return refuse("the answer is not XML: " + f.getMessage());
        }
        Element content = SyncMessages.bodyContent(envelope);
        if (content == null) {
            return refuse("the answer is not a SOAP 1.1 envelope with a Body");
        }
        boolean fault = SyncMessages.SOAP.equals(content.getNamespaceURI()) && "Fault".equals(content.getLocalName());
        ValidatedSigner signer;
        try {
            signer = verify(envelope);
        } catch (QaqpaFault f) {
            if (fault && f.code() == ErrorCode.SIGNATURE_MISSING) {
                System.err.println("warning: the fault is not signed (the gateway signs only answers to requests whose signature it accepted)");
                return printFault(content);
            }
            return refuse("the answer's signature is refused: " + f.code() + ": " + f.getMessage());
        }
        System.out.println("signed by: " + signer.certificate().getSubjectX500Principal());
        return fault ? printFault(content) : printAnswer(content);
    }

    private ValidatedSigner verify(Document envelope) {
        XmlSignatureVerifier verifier = new XmlSignatureVerifier(new AlgorithmTable(false), true,
                XmlSignatureVerifier.defaultIdAttributes(), List.of());
        ValidatedSigner[] signer = new ValidatedSigner[1];
        verifier.verify(envelope, XmlSignatureVerifier.Mode.WSS, (certificate, presented) ->
                signer[0] = validator.validate(certificate, presented, clock.instant(), CertificateValidator.Purpose.TRANSPORT));
        return signer[0];
    }

    private static int printAnswer(Element content) {
        return switch (content.getLocalName()) {
            case "sendMessageResponse" -> printAccepted(child(content, "response"));
            case "getMessageStatusResponse" -> printStatus(child(content, "response"));
            default -> printSyncAnswer(content);
        };
    }

    /** The async acceptance; the messageId last, alone on its line, for scripts that take the last token. */
    private static int printAccepted(Element response) {
        if (response == null) {
            return refuse("the answer holds no response");
        }
        System.out.println("accepted:");
        for (String field : List.of("correlationId", "responseDate", "sessionId")) {
            line(field, text(response, field));
        }
        System.out.println("messageId: " + text(response, "messageId"));
        return 0;
    }

    /** The MessageState first, then the status the gateway gives for it. */
    private static int printStatus(Element response) {
        if (response == null) {
            return refuse("the answer holds no response");
        }
        System.out.println(text(response, "messageState"));
        line("status", text(response, "status", "statusCode") + ": " + text(response, "status", "statusMessage"));
        line("statusDate", text(response, "status", "statusDate"));
        line("responseDate", text(response, "responseDate"));
        return 0;
    }

    private static int printSyncAnswer(Element content) {
        Element response = child(content, "response");
        Element info = child(response, "responseInfo");
        if (info == null) {
            return refuse("the answer holds no response/responseInfo");
        }
        System.out.println("responseInfo:");
        for (String field : List.of("messageId", "correlationId", "responseDate")) {
            line(field, text(info, field));
        }
        line("status", text(info, "status", "code") + ": " + text(info, "status", "message"));
        line("sessionId", text(info, "sessionId"));
        Element data = child(child(response, "responseData"), "data");
        System.out.println("data:");
        System.out.println(data == null ? "  (none)" : new String(SyncMessages.serialize(data), StandardCharsets.UTF_8));
        return 0;
    }

    /** {@code errorCode: errorMessage} of ErrorInfo, or the faultstring when the fault carries none. */
    private static int printFault(Element fault) {
        Element detail = child(fault, "detail");
        List<Element> infos = detail == null ? List.of() : SyncMessages.elementChildren(detail);
        String code = infos.isEmpty() ? null : text(infos.get(0), "errorCode");
        if (code == null) {
            System.out.println("fault: " + text(fault, "faultstring"));
        } else {
            System.out.println(code + ": " + text(infos.get(0), "errorMessage"));
            String sessionId = text(infos.get(0), "sessionId");
            if (sessionId != null) {
                line("sessionId", sessionId);
            }
        }
        return 1;
    }

    private static void line(String name, String value) {
        if (value != null) {
            System.out.println("  " + name + ": " + value);
        }
    }

    private static int refuse(String why) {
        System.err.println("refused: " + why);
        return 4;
    }
}
