package org.qaqpa.contract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A change made to a request after it was signed: every match of {@code pattern} (a Java regular
 * expression, or a literal text with {@code replace:}) becomes {@code with} ({@code $1} names a group).
 */
record Replacement(Pattern pattern, String with) {

    static Replacement literal(String text, String with) {
        return new Replacement(Pattern.compile(Pattern.quote(text)), Matcher.quoteReplacement(with));
    }

    String apply(String text) {
        return pattern.matcher(text).replaceAll(with);
    }
}
