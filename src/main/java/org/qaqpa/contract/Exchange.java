package org.qaqpa.contract;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One request and its answer as the runner exchanged them: the exact bytes both ways, the HTTP
 * status, the time to the whole answer, or why there was no answer. The answer is parsed with the
 * gateway's own XML guard.
 */
final class Exchange {

    private final String endpoint;
    private final byte[] request;
    private final int status;
    private final byte[] response;
    private final long millis;
    private final String transportError;
    private Document document;
    private String parseProblem;

    private Exchange(String endpoint, byte[] request, int status, byte[] response, long millis, String transportError) {
        this.endpoint = endpoint;
        this.request = request;
        this.status = status;
        this.response = response;
        this.millis = millis;
        this.transportError = transportError;
    }

    static Exchange answered(String endpoint, byte[] request, int status, byte[] response, long millis) {
        return new Exchange(endpoint, request, status, response, millis, null);
    }

    static Exchange failed(String endpoint, byte[] request, String transportError, long millis) {
        return new Exchange(endpoint, request, 0, new byte[0], millis, transportError);
    }

    String endpoint() {
        return endpoint;
    }

    String requestText() {
        return new String(request, StandardCharsets.UTF_8);
    }

    String responseText() {
        return new String(response, StandardCharsets.UTF_8);
    }

    int status() {
        return status;
    }

    long millis() {
        return millis;
    }

    /** Why no answer came (connection refused, timeout), or empty when one came. */
    Optional<String> transportError() {
        return Optional.ofNullable(transportError);
    }

    /** The answer as XML, or empty when there is none or it is not XML ({@link #parseProblem()}). */
    synchronized Optional<Document> document() {
        if (document == null && parseProblem == null) {
            if (transportError != null) {
                parseProblem = "no answer: " + transportError;
            } else {
                try {
                    document = new SecureDocuments(XmlLimits.defaults()).parse(new ByteArrayInputStream(response));
                } catch (QaqpaFault e) {
                    parseProblem = "the answer is not XML: " + e.getMessage();
                }
            }
        }
        return Optional.ofNullable(document);
    }

    String parseProblem() {
        document();
        return parseProblem;
    }

    /** The SOAP Body's first element, when the answer is a SOAP 1.1 envelope. */
    Optional<Element> bodyContent() {
        return document().map(SyncMessages::bodyContent);
    }

    /** The answer's SOAP fault, when it is one. */
    Optional<SoapFault> fault() {
        return bodyContent().filter(content -> SyncMessages.SOAP.equals(content.getNamespaceURI())
                && "Fault".equals(content.getLocalName())).map(SoapFault::of);
    }

    /** What the answer is, in a few words, for "actual" in a report. */
    String summary() {
        if (transportError != null) {
            return "no answer: " + transportError;
        }
        Optional<SoapFault> fault = fault();
        if (fault.isPresent()) {
            return "HTTP " + status + ", " + fault.get().summary();
        }
        return "HTTP " + status + bodyContent().map(content -> ", " + content.getLocalName())
                .orElse(document().isPresent() ? ", not a SOAP envelope" : ", " + parseProblem());
    }
}
