package org.qaqpa.contract;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with {@code ${name}} references to properties; {@code $${} writes a literal {@code ${}.
 * Values are XML-escaped when rendered into an XML template, as they stand in text or attributes.
 */
record Template(String text, boolean xml) {

    private static final Pattern REFERENCE = Pattern.compile("\\$?\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

    /** The property names the text refers to. */
    Set<String> references() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            if (!m.group().startsWith("$$")) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The text with every reference replaced; a property without a value is an {@link IllegalArgumentException}. */
    String render(PropertyValues properties) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().startsWith("$$")) {
                replacement = m.group().substring(1);
            } else {
                String name = m.group(1);
                String value = properties.get(name).orElseThrow(() ->
                        new IllegalArgumentException("property '" + name + "' has no value"));
                replacement = xml ? escape(value) : value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
