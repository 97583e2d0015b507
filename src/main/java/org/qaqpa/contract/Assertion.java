package org.qaqpa.contract;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.pki.ValidatedSigner;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** One check of a step's answer; each kind is one key of an {@code assertions} item (docs/contract-testing.md). */
sealed interface Assertion {

    /** The line of the suite file that states it. */
    int line();

    /** The assertion as the suite states it, for reports. */
    String describe();

    AssertionResult check(Exchange exchange, StepContext context);

    /** {@code status: 200} or {@code status: [200, 500]}: the HTTP status of the answer. */
    record Status(int line, List<Integer> codes) implements Assertion {
        @Override
        public String describe() {
            return "status " + (codes.size() == 1 ? codes.get(0) : codes);
        }

        @Override
        public AssertionResult check(Exchange exchange, StepContext context) {
            return AssertionResult.of(this, codes.contains(exchange.status()), "HTTP " + codes.stream().map(String::valueOf)
                    .collect(Collectors.joining(" or ")), exchange.transportError().map(e -> "no answer: " + e)
                    .orElse("HTTP " + exchange.status()));
        }
    }

    /** {@code fault: CODE} (a SOAP fault whose ErrorInfo has this errorCode) or {@code fault: true} (any fault). */
    record Fault(int line, Optional<Template> errorCode) implements Assertion {
        @Override
        public String describe() {
            return "fault" + errorCode.map(code -> " " + code.text()).orElse("");
        }

        @Override
        public AssertionResult check(Exchange exchange, StepContext context) {
            String expected = errorCode.map(code -> "a SOAP fault with errorCode " + code.render(context.properties()))
                    .orElse("a SOAP fault");
            Optional<SoapFault> fault = exchange.fault();
            boolean passed = fault.isPresent() && errorCode.map(code -> code.render(context.properties()))
                    .map(code -> fault.get().errorCode().filter(code::equals).isPresent()).orElse(true);
            return AssertionResult.of(this, passed, expected, exchange.summary());
        }
    }

    /** {@code not-fault: true}: a SOAP envelope that is not a fault. */
    record NotFault(int line) implements Assertion {
        @Override
        public String describe() {
            return "not-fault";
        }

        @Override
        public AssertionResult check(Exchange exchange, StepContext context) {
            boolean passed = exchange.bodyContent().isPresent() && exchange.fault().isEmpty();
            return AssertionResult.of(this, passed, "a SOAP answer that is not a fault", exchange.summary());
        }
    }

    /** {@code xpath: EXPR} with {@code equals: VALUE}, {@code exists: true|false} or {@code count: N}. */
    record XPathCheck(int line, SuiteXPath xpath, String operator, Template value) implements Assertion {
        @Override
        public String describe() {
            return "xpath " + xpath.text() + " " + operator + " " + value.text();
        }

        @Override
        public AssertionResult check(Exchange exchange, StepContext context) {
            Optional<Document> document = exchange.document();
            String expected = operator + " " + value.render(context.properties());
            if (document.isEmpty()) {
                return AssertionResult.fail(this, expected, exchange.parseProblem());
            }
            String wanted = value.render(context.properties());
            return switch (operator) {
                case "equals" -> {
                    String actual = xpath.string(document.get());
                    yield AssertionResult.of(this, actual.equals(wanted), "'" + wanted + "'", "'" + actual + "'");
                }
                case "count" -> {
                    int actual = xpath.nodes(document.get()).size();
                    yield AssertionResult.of(this, String.valueOf(actual).equals(wanted), wanted + " node(s)", actual + " node(s)");
                }
                default -> {
                    boolean exists = !xpath.nodes(document.get()).isEmpty();
                    yield AssertionResult.of(this, String.valueOf(exists).equals(wanted),
                            Boolean.parseBoolean(wanted) ? "at least one node" : "no node",
                            exists ? "found" : "no node");
                }
            };
        }
    }

    /** {@code contains: TEXT} / {@code not-contains: TEXT}: the answer's text, as received. */
    record Contains(int line, Template text, boolean present) implements Assertion {
        @Override
        public String describe() {
            return (present ? "contains " : "not-contains ") + text.text();
        }

        @Override
        public AssertionResult check(Exchange exchange, StepContext context) {
            String wanted = text.render(context.properties());
            boolean found = exchange.responseText().contains(wanted);
            return AssertionResult.of(this, found == present, (present ? "the answer contains '" : "the answer lacks '") + wanted + "'",
                    found ? "it does" : "it does not");
        }
    }

    /** {@code max-time: N}: the whole answer arrived within N milliseconds of sending. */
    record MaxTime(int line, long millis) implements Assertion {
        @Override
        public String describe() {
            return "max-time " + millis + " ms";
        }

        @Override
        public AssertionResult check(Exchange exchange, StepContext context) {
            return AssertionResult.of(this, exchange.transportError().isEmpty() && exchange.millis() <= millis,
                    "at most " + millis + " ms", exchange.millis() + " ms");
        }
    }

    /** {@code schema-valid: true}: the Body's element (for a fault, the ErrorInfo in detail) is valid against the SHEP contract schemas. */
    record SchemaValid(int line) implements Assertion {
        @Override
        public String describe() {
            return "schema-valid";
        }

        @Override
        public AssertionResult check(Exchange exchange, StepContext context) {
            Optional<Element> content = exchange.bodyContent();
            if (content.isEmpty()) {
                return AssertionResult.fail(this, "a SOAP answer valid against the contract schema", exchange.summary());
            }
            Element checked = exchange.fault().flatMap(SoapFault::errorInfo).orElse(content.get());
            try {
                context.schema().validate(checked);
                return AssertionResult.pass(this, checked.getLocalName() + " is valid");
            } catch (QaqpaFault e) {
                return AssertionResult.fail(this, checked.getLocalName() + " valid against the contract schema", e.getMessage());
            }
        }
    }

    /** {@code signature-valid: true}: the answer's WS-Security signature verifies and its signer chains to the trusted PKI. */
    record SignatureValid(int line) implements Assertion {
        @Override
        public String describe() {
            return "signature-valid";
        }

        @Override
        public AssertionResult check(Exchange exchange, StepContext context) {
            Optional<Document> document = exchange.document();
            if (document.isEmpty()) {
                return AssertionResult.fail(this, "a validly signed answer", exchange.parseProblem());
            }
            try {
                ValidatedSigner signer = context.trust().verify(document.get());
                return AssertionResult.pass(this, "signed by " + signer.certificate().getSubjectX500Principal().getName());
            } catch (QaqpaFault e) {
                return AssertionResult.fail(this, "a validly signed answer", e.code() + ": " + e.getMessage());
            }
        }
    }

    /** {@code similar-to: FILE} with {@code ignore: [XPATH...]} and {@code select: XPATH}: see {@link SimilarXml}. */
    record SimilarTo(int line, String file, SimilarXml comparison) implements Assertion {
        @Override
        public String describe() {
            return "similar-to " + file;
        }

        @Override
        public AssertionResult check(Exchange exchange, StepContext context) {
            Optional<Document> document = exchange.document();
            if (document.isEmpty()) {
                return AssertionResult.fail(this, "an answer similar to " + file, exchange.parseProblem());
            }
            Optional<String> difference = comparison.firstDifference(document.get());
            return difference.map(d -> AssertionResult.fail(this, "similar to " + file, d))
                    .orElseGet(() -> AssertionResult.pass(this, "similar"));
        }
    }
}
