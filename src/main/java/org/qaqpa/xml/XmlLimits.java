package org.qaqpa.xml;

/**
 * Limits every inbound document must respect; the defaults equal CXF's secure defaults, and the
 * request size defaults to 10 MiB.
 */
public record XmlLimits(long maxRequestBytes, int maxDepth, int maxAttributes, int maxAttributeSize, int maxChildren,
                        int maxElements) {

    public XmlLimits {
        if (maxRequestBytes <= 0 || maxDepth <= 0 || maxAttributes <= 0 || maxAttributeSize <= 0 || maxChildren <= 0
                || maxElements <= 0) {
            throw new IllegalArgumentException("XML limits must be positive");
        }
    }

    public static XmlLimits defaults() {
        return new XmlLimits(10L * 1024 * 1024, 100, 500, 64 * 1024, 50_000, 200_000);
    }
}
