package org.qaqpa.contract;

import java.util.List;
import java.util.Optional;
import org.qaqpa.sandbox.SyncMessages;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Comparison;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.Difference;
import org.xmlunit.diff.ElementSelectors;

/**
 * XMLUnit's "similar" comparison of an answer with an expected document: whitespace between elements
 * and comments do not count, nor do namespace prefixes; the nodes that {@code ignore} selects (in the
 * expected document and in the answer, e.g. {@code //responseDate}, {@code //@wsu:Id}) are removed from both
 * first. Compared is what {@code select} picks in the answer, by default the SOAP Body's element.
 */
record SimilarXml(Document expected, Optional<SuiteXPath> select, List<SuiteXPath> ignore) {

    /** The first difference as "at XPATH: expected X, got Y", or empty when similar. */
    Optional<String> firstDifference(Document answer) {
        Node selected = select.map(s -> s.nodes(answer).stream().findFirst().orElse(null))
                .orElseGet(() -> SyncMessages.bodyContent(answer));
        if (selected == null) {
            return Optional.of("nothing to compare: " + select.map(s -> "'" + s.text() + "' selects no node")
                    .orElse("the answer has no SOAP Body element"));
        }
        Document control = withoutIgnored(expected.getDocumentElement());
        Document test = withoutIgnored(selected);
        Diff diff = DiffBuilder.compare(control).withTest(test)
                .ignoreWhitespace()
                .ignoreComments()
                .checkForSimilar()
                .withNodeMatcher(new DefaultNodeMatcher(ElementSelectors.byName))
                .build();
        for (Difference difference : diff.getDifferences()) {
            Comparison c = difference.getComparison();
            return Optional.of("at " + Optional.ofNullable(c.getTestDetails().getXPath()).orElse(c.getControlDetails().getXPath())
                    + " (" + c.getType().getDescription() + "): expected " + c.getControlDetails().getValue()
                    + ", got " + c.getTestDetails().getValue());
        }
        return Optional.empty();
    }

    /** A copy of {@code root} as a document of its own, without the nodes {@code ignore} selects. */
    private Document withoutIgnored(Node root) {
        Document copy = SyncMessages.newDocument();
        copy.appendChild(root instanceof Element element ? SyncMessages.importWithNamespaces(copy, element) : copy.importNode(root, true));
        for (SuiteXPath xpath : ignore) {
            for (Node node : xpath.nodes(copy)) {
                if (node instanceof Attr attr) {
                    attr.getOwnerElement().removeAttributeNode(attr);
                } else if (node.getParentNode() != null) {
                    node.getParentNode().removeChild(node);
                }
            }
        }
        return copy;
    }
}
