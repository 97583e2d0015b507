package org.qaqpa.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qaqpa.error.PrintableText;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One mapping of a Qaqpa YAML file ({@code qaqpa.yaml}, {@code members.yaml}, {@code services.yaml})
 * with a fixed set of keys, read into typed values; every refusal names the file, the line and the full key.
 */
public final class ConfigSection {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})\\s*(B|KiB|MiB|GiB)");
    // 12 digits of hours still fit Duration.toMillis(), so no unit can overflow; days get 11 digits.
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,12})\\s*(ms|s|m|h)|([0-9]{1,11})\\s*(d)");
    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);
    private static final Set<Tag> TEXT_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL);

    private final String file;
    private final String path;
    /** Where the mapping starts (its key's line), for problems about the section as a whole. */
    private final int line;
    private final Map<String, Node> values = new LinkedHashMap<>();

    private ConfigSection(String file, String path, int line) {
        this.file = file;
        this.path = path;
        this.line = line;
    }

    /** The top level of a document: a mapping of sections; no document at all reads as an empty mapping. */
    public static ConfigSection root(String file, Optional<Node> document, List<String> sections) {
        ConfigSection root = new ConfigSection(file, "", 1);
        if (document.isEmpty()) {
            return root;
        }
        Node node = document.get();
        root.checkTag(node, "");
        if (isNull(node)) {
            return root;
        }
        if (!(node instanceof MappingNode mapping)) {
            throw new ConfigException(file, line(node), "the top level must be a mapping of sections ("
                    + String.join(", ", sections) + "), got " + describe(node));
        }
        root.readEntries(mapping, sections);
        return root;
    }

    /** The sub-mapping under {@code name}; absent or empty ({@code name:}) reads as an empty mapping. */
    public ConfigSection section(String name, List<String> keys) {
        Optional<Node> node = value(name);
        ConfigSection section = new ConfigSection(file, fullKey(name), node.map(ConfigSection::line).orElse(line));
        if (node.isEmpty()) {
            return section;
        }
        if (!(node.get() instanceof MappingNode mapping)) {
            throw new ConfigException(file, line(node.get()), "'" + section.path + "' must be a mapping of keys ("
                    + String.join(", ", keys) + "), got " + describe(node.get()));
        }
        section.readEntries(mapping, keys);
        return section;
    }

    /**
     * A mapping under {@code name} whose keys are ids chosen by the file (a member's senderId, a
     * serviceId), each holding a mapping of {@code keys}; in file order. Absent or empty reads as none.
     *
     * @param idName what the ids are, for messages ({@code senderId})
     * @param idRule what {@code validId} accepts, for messages
     */
    public Map<String, ConfigSection> sections(String name, String idName, Predicate<String> validId, String idRule,
                                               List<String> keys) {
        Map<String, ConfigSection> sections = new LinkedHashMap<>();
        Optional<Node> node = value(name);
        if (node.isEmpty()) {
            return sections;
        }
        if (!(node.get() instanceof MappingNode mapping)) {
            throw new ConfigException(file, line(node.get()), "'" + fullKey(name) + "' must be a mapping of "
                    + idName + "s, got " + describe(node.get()));
        }
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            Node keyNode = entry.getKeyNode();
            checkTag(keyNode, fullKey(name));
            if (!(keyNode instanceof ScalarNode keyScalar && TEXT_TAGS.contains(keyScalar.getTag())
                    && validId.test(keyScalar.getValue()))) {
                throw new ConfigException(file, line(keyNode), "keys in '" + fullKey(name) + "' must be "
                        + idName + "s (" + idRule + "), got " + describe(keyNode));
            }
            String id = keyScalar.getValue();
            Integer first = firstLine.putIfAbsent(id, line(keyNode));
            if (first != null) {
                throw new ConfigException(file, line(keyNode),
                        "duplicate " + idName + " '" + escape(fullKey(name) + "." + id) + "' (first set on line " + first + ")");
            }
            Node value = entry.getValueNode();
            checkTag(value, fullKey(name) + "." + id);
            ConfigSection section = new ConfigSection(file, fullKey(name) + "." + id, line(keyNode));
            if (value instanceof MappingNode entries) {
                section.readEntries(entries, keys);
            } else if (!isNull(value)) {
                throw new ConfigException(file, line(value), "'" + escape(section.path) + "' must be a mapping of keys ("
                        + String.join(", ", keys) + "), got " + describe(value));
            }
            sections.put(id, section);
        }
        return sections;
    }

    /**
     * A sequence of scalars ({@code [A, B]} or one {@code - A} per line) each accepted by {@code valid},
     * no value twice; absent or empty reads as an empty list.
     */
    public List<String> strings(String key, Predicate<String> valid, String expected) {
        Optional<Node> node = value(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof SequenceNode sequence)) {
            throw mustBe(key, node.get(), "a list of " + expected + "s");
        }
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (Node item : sequence.getValue()) {
            checkTag(item, fullKey(key));
            String value = text(key, item, valid, "a list of " + expected + "s");
            Integer first = firstLine.putIfAbsent(value, line(item));
            if (first != null) {
                throw new ConfigException(file, line(item), "'" + fullKey(key) + "' lists '" + escape(value)
                        + "' twice (first on line " + first + ")");
            }
        }
        return List.copyOf(firstLine.keySet());
    }

    /** Whether {@code key} is set to something other than an empty value. */
    public boolean has(String key) {
        return value(key).filter(node -> !(node instanceof ScalarNode scalar && scalar.getValue().isEmpty())).isPresent();
    }

    /** Like {@link #optionalString} but the key must be set: its absence is reported at the section's line. */
    public String requiredString(String key, Predicate<String> valid, String expected) {
        return optionalString(key, valid, expected).orElseThrow(() -> problem("needs '" + key + "' (" + expected + ")"));
    }

    /** A refusal of the section as a whole, at the line where it starts. */
    public ConfigException problem(String problem) {
        return new ConfigException(file, line, "'" + escape(path) + "' " + problem);
    }

    /** The dotted key of this section, e.g. {@code members.dev-client}. */
    public String path() {
        return path;
    }

    /** A plain (unquoted) decimal integer in {@code [min, max]}. */
    public int integer(String key, int min, int max, int fallback) {
        Optional<Node> node = value(key);
        if (node.isEmpty()) {
            return fallback;
        }
        String expected = max == Integer.MAX_VALUE
                ? "an integer of at least " + min
                : "an integer between " + min + " and " + max;
        if (node.get() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)
                && DECIMAL.matcher(scalar.getValue()).matches()) {
            try {
                long value = Long.parseLong(scalar.getValue());
                if (value >= min && value <= max) {
                    return (int) value;
                }
            } catch (NumberFormatException tooLong) {
                // reported below like any other out-of-range value
            }
        }
        throw mustBe(key, node.get(), expected);
    }

    /** A plain (unquoted) {@code true} or {@code false}. */
    public boolean bool(String key, boolean fallback) {
        Optional<Node> node = value(key);
        if (node.isEmpty()) {
            return fallback;
        }
        if (node.get() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)
                && (scalar.getValue().equals("true") || scalar.getValue().equals("false"))) {
            return Boolean.parseBoolean(scalar.getValue());
        }
        throw mustBe(key, node.get(), "true or false");
    }

    /** A byte count from 1 to {@code max}: a plain integer of bytes, or a number with a binary unit. */
    public long size(String key, long max, long fallback) {
        Optional<Node> node = value(key);
        if (node.isEmpty()) {
            return fallback;
        }
        String range = max == Long.MAX_VALUE ? "a size of at least 1 byte" : "a size from 1 to " + max + " bytes";
        String expected = range + " (an integer of bytes, or a number with unit B, KiB, MiB or GiB, e.g. "
                + formatSize(fallback) + ")";
        long bytes = node.get() instanceof ScalarNode scalar ? parseSize(scalar) : -1;
        if (bytes < 1 || bytes > max) {
            throw mustBe(key, node.get(), expected);
        }
        return bytes;
    }

    /** A duration written as a whole number with unit ms, s, m, h or d, e.g. {@code 30s}. */
    public Duration duration(String key, boolean zeroAllowed, Duration fallback) {
        Optional<Node> node = value(key);
        if (node.isEmpty()) {
            return fallback;
        }
        String expected = "a duration" + (zeroAllowed ? "" : " greater than 0")
                + " with unit ms, s, m, h or d (e.g. " + formatDuration(fallback) + ")";
        if (node.get() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
            Matcher m = DURATION.matcher(scalar.getValue());
            if (m.matches()) {
                Duration duration = m.group(3) != null
                        ? Duration.ofDays(Long.parseLong(m.group(3)))
                        : Duration.of(Long.parseLong(m.group(1)), switch (m.group(2)) {
                            case "ms" -> ChronoUnit.MILLIS;
                            case "s" -> ChronoUnit.SECONDS;
                            case "m" -> ChronoUnit.MINUTES;
                            default -> ChronoUnit.HOURS;
                        });
                if (zeroAllowed || !duration.isZero()) {
                    return duration;
                }
            }
        }
        throw mustBe(key, node.get(), expected);
    }

    /** A scalar read as text that {@code valid} accepts; absent or empty ({@code key:}) gives the fallback. */
    public String string(String key, String fallback, Predicate<String> valid, String expected) {
        Optional<Node> node = value(key);
        if (node.isEmpty()) {
            return fallback;
        }
        return text(key, node.get(), valid, expected);
    }

    /** Like {@link #string} but optional: absent, {@code key:} and {@code ""} all read as empty. */
    public Optional<String> optionalString(String key, Predicate<String> valid, String expected) {
        Optional<Node> node = value(key);
        if (node.isEmpty() || node.get() instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(text(key, node.get(), valid, expected));
    }

    /** A refusal of the value under {@code key} for a reason beyond its type, at the value's line. */
    public ConfigException invalid(String key, String problem) {
        Node node = value(key).orElseThrow();
        return new ConfigException(file, line(node), "'" + fullKey(key) + "' " + problem);
    }

    private String text(String key, Node node, Predicate<String> valid, String expected) {
        if (node instanceof ScalarNode scalar && TEXT_TAGS.contains(scalar.getTag()) && valid.test(scalar.getValue())) {
            return scalar.getValue();
        }
        throw mustBe(key, node, expected);
    }

    private void readEntries(MappingNode mapping, List<String> known) {
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            Node keyNode = entry.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                throw new ConfigException(file, line(keyNode),
                        "keys in " + where() + " must be plain names, got " + describe(keyNode));
            }
            String key = keyScalar.getValue();
            checkTag(keyNode, fullKey(key));
            if (!known.contains(key)) {
                throw new ConfigException(file, line(keyNode), "unknown key '" + escape(fullKey(key)) + "' ("
                        + (path.isEmpty() ? "known sections: " : "known keys in '" + path + "': ")
                        + String.join(", ", known) + ")");
            }
            Integer first = firstLine.putIfAbsent(key, line(keyNode));
            if (first != null) {
                throw new ConfigException(file, line(keyNode),
                        "duplicate key '" + fullKey(key) + "' (first set on line " + first + ")");
            }
            checkTag(entry.getValueNode(), fullKey(key));
            if (!isNull(entry.getValueNode())) {
                values.put(key, entry.getValueNode());
            }
        }
    }

    /** Tags other than the core schema's have no use in a config file (anchors went in {@link YamlScreen}). */
    private void checkTag(Node node, String key) {
        String at = key.isEmpty() ? "the top level" : "'" + escape(key) + "'";
        if (node.getTag().equals(Tag.ENV_TAG)) {
            throw new ConfigException(file, line(node), at + " uses ${...} substitution, which is not supported;"
                    + " secrets come from the environment variable named by 'database.password-env'");
        }
        if (!PLAIN_TAGS.contains(node.getTag())) {
            String tag = node.getTag().getValue().replace(Tag.PREFIX, "!!");
            throw new ConfigException(file, line(node), at + " has unsupported YAML tag '" + escape(tag) + "'");
        }
    }

    private Optional<Node> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    private ConfigException mustBe(String key, Node node, String expected) {
        return new ConfigException(file, line(node),
                "'" + fullKey(key) + "' must be " + expected + ", got " + describe(node));
    }

    private String fullKey(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String where() {
        return path.isEmpty() ? "the top level" : "'" + path + "'";
    }

    private static long parseSize(ScalarNode scalar) {
        try {
            if (scalar.getTag().equals(Tag.INT) && DECIMAL.matcher(scalar.getValue()).matches()) {
                return Long.parseLong(scalar.getValue());
            }
            Matcher m = SIZE.matcher(scalar.getValue());
            if (scalar.getTag().equals(Tag.STR) && m.matches()) {
                long unit = switch (m.group(2)) {
                    case "KiB" -> 1L << 10;
                    case "MiB" -> 1L << 20;
                    case "GiB" -> 1L << 30;
                    default -> 1L;
                };
                return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            }
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            return -1;
        }
        return -1;
    }

    static String formatSize(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (30 - 10 * i);
            if (bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return bytes + "B";
    }

    /** The duration as {@code qaqpa.yaml} writes it ({@code 5m}, {@code 24h}), for messages that name a configured value. */
    public static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 86_400_000 == 0 && millis > 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a sequence";
        }
        ScalarNode scalar = (ScalarNode) node;
        String shown = escape(scalar.getValue());
        return scalar.isPlain() ? "'" + shown + "'" : "the string \"" + shown + "\"";
    }

    /** Keeps a value printable on one line and short: control characters escaped, long values cut. */
    static String escape(String value) {
        return PrintableText.of(value);
    }
}
