package org.qaqpa.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qaqpa.config.ConfigException;
import org.qaqpa.error.PrintableText;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One node of a suite file with its line, read into typed values; every refusal is a
 * {@link ConfigException} {@code FILE:LINE: problem}. Unlike the gateway's config files, a suite's
 * scalars may be {@code ${property}} references, which YAML would otherwise tag as environment variables.
 */
final class SuiteNode {

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})\\s*(ms|s|m)");

    private final String file;
    private final String key;
    private final Node node;

    SuiteNode(String file, String key, Node node) {
        this.file = file;
        this.key = key;
        this.node = node;
    }

    int line() {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    String file() {
        return file;
    }

    String key() {
        return key;
    }

    ConfigException problem(String problem) {
        return new ConfigException(file, line(), problem);
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** The entries of a mapping whose keys must all be in {@code known}, in file order. */
    Map<String, SuiteNode> mapping(List<String> known) {
        if (!(node instanceof MappingNode mapping)) {
            throw problem("'" + key + "' must be a mapping (keys: " + String.join(", ", known) + "), got " + describe());
        }
        Map<String, SuiteNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            SuiteNode name = new SuiteNode(file, key, tuple.getKeyNode());
            String entry = name.scalarText();
            if (!known.isEmpty() && !known.contains(entry)) {
                throw name.problem("unknown key '" + PrintableText.of(entry) + "' in '" + key + "' (known keys: "
                        + String.join(", ", known) + ")");
            }
            if (entries.containsKey(entry)) {
                throw name.problem("duplicate key '" + PrintableText.of(entry) + "' in '" + key + "'");
            }
            entries.put(entry, new SuiteNode(file, entry, tuple.getValueNode()));
        }
        return entries;
    }

    /** A mapping of names to scalar values (properties, namespaces, transfers), in file order. */
    Map<String, String> stringMap() {
        Map<String, String> values = new LinkedHashMap<>();
        mapping(List.of()).forEach((name, value) -> values.put(name, value.text()));
        return values;
    }

    /** The items of a sequence. */
    List<SuiteNode> list() {
        if (!(node instanceof SequenceNode sequence)) {
            throw problem("'" + key + "' must be a list, got " + describe());
        }
        List<SuiteNode> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(new SuiteNode(file, key, item));
        }
        return items;
    }

    /** A scalar as text; null reads as the empty string. */
    String text() {
        if (node instanceof ScalarNode scalar) {
            return scalar.getTag().equals(Tag.NULL) ? "" : scalar.getValue();
        }
        throw problem("'" + key + "' must be a text value, got " + describe());
    }

    /** A non-empty scalar. */
    String requiredText() {
        String text = text();
        if (text.isBlank()) {
            throw problem("'" + key + "' must not be empty");
        }
        return text;
    }

    boolean bool() {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(scalar.getValue());
        }
        throw problem("'" + key + "' must be true or false, got " + describe());
    }

    int integer(int min) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
            try {
                int value = Integer.parseInt(scalar.getValue());
                if (value >= min) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw problem("'" + key + "' must be an integer of at least " + min + ", got " + describe());
    }

    Duration duration() {
        Matcher m = node instanceof ScalarNode scalar ? DURATION.matcher(scalar.getValue()) : null;
        if (m == null || !m.matches()) {
            throw problem("'" + key + "' must be a duration with unit ms, s or m (e.g. 30s), got " + describe());
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    /** The text of a key node; keys are always plain scalars in a suite. */
    private String scalarText() {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw problem("keys in '" + key + "' must be plain names, got " + describe());
    }

    private String describe() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + PrintableText.of(((ScalarNode) node).getValue()) + "'";
    }

    static Optional<SuiteNode> get(Map<String, SuiteNode> entries, String key) {
        return Optional.ofNullable(entries.get(key));
    }
}
