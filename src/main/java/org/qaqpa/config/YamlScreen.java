package org.qaqpa.config;

import java.util.ArrayDeque;
import java.util.Deque;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Refuses, from the parser's events and before any node tree is built, the YAML features a config
 * file never needs: anchors, aliases and merge keys (alias bombs), and deep nesting (the composer
 * recurses once per level and would overflow the stack).
 */
final class YamlScreen {

    /** Our files nest at most four levels (services.yaml: services, id, routes, routeId); anything deeper is a mistake or an attack. */
    static final int MAX_NESTING = 10;

    private final String file;
    private final Deque<Frame> open = new ArrayDeque<>();

    private YamlScreen(String file) {
        this.file = file;
    }

    /** Reads every event; throws {@link ConfigException} at the first refused feature. */
    static void check(Iterable<Event> events, String file) {
        YamlScreen screen = new YamlScreen(file);
        for (Event event : events) {
            screen.accept(event);
        }
    }

    private void accept(Event event) {
        switch (event.getEventId()) {
            case Scalar, Alias -> {
                checkNode((NodeEvent) event);
                rememberKey(event);
                nodeDone();
            }
            case MappingStart, SequenceStart -> {
                checkNode((NodeEvent) event);
                if (open.size() == MAX_NESTING) {
                    throw new ConfigException(file, line(event),
                            "nested deeper than " + MAX_NESTING + " levels; a Qaqpa config file needs at most 4");
                }
                String key = keyOfNextNode(event);
                rememberKey(event);
                open.push(new Frame(event.getEventId() == Event.ID.MappingStart, key));
            }
            case MappingEnd, SequenceEnd -> {
                open.pop();
                nodeDone();
            }
            default -> {
                // stream and document markers, comments
            }
        }
    }

    private void checkNode(NodeEvent event) {
        String key = keyOfNextNode(event);
        String at = key.isEmpty() ? "the top level" : "'" + ConfigSection.escape(key) + "'";
        if (event instanceof AliasEvent alias) {
            throw new ConfigException(file, line(event), at + " uses YAML alias '*"
                    + ConfigSection.escape(alias.getAlias().getValue()) + "'; anchors and aliases are not allowed");
        }
        if (event.getAnchor().isPresent()) {
            String anchor = ConfigSection.escape(event.getAnchor().get().getValue());
            throw new ConfigException(file, line(event),
                    at + " has YAML anchor '&" + anchor + "'; anchors and aliases are not allowed");
        }
        if (isKeyPosition() && event instanceof ScalarEvent scalar && isMergeKey(scalar)) {
            throw new ConfigException(file, line(event), at + " uses the YAML merge key '<<', which is not allowed");
        }
    }

    /** The dotted key of the node this event starts: for a key, the key itself; for a value, its key. */
    private String keyOfNextNode(Event event) {
        Frame parent = open.peek();
        if (parent == null) {
            return "";
        }
        if (!parent.mapping) {
            return parent.key;
        }
        if (parent.expectingKey) {
            String name = event instanceof ScalarEvent scalar ? scalar.getValue() : "?";
            return join(parent.key, name);
        }
        return join(parent.key, parent.lastKey);
    }

    private void rememberKey(Event event) {
        if (isKeyPosition()) {
            open.peek().lastKey = event instanceof ScalarEvent scalar ? scalar.getValue() : "?";
        }
    }

    private void nodeDone() {
        Frame parent = open.peek();
        if (parent != null && parent.mapping) {
            parent.expectingKey = !parent.expectingKey;
        }
    }

    private boolean isKeyPosition() {
        Frame parent = open.peek();
        return parent != null && parent.mapping && parent.expectingKey;
    }

    private static boolean isMergeKey(ScalarEvent scalar) {
        return scalar.isPlain() && scalar.getValue().equals("<<")
                || scalar.getTag().filter(Tag.MERGE.getValue()::equals).isPresent();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static int line(Event event) {
        return event.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    /** An open mapping or sequence: its dotted key and, for a mapping, where we are in it. */
    private static final class Frame {
        final boolean mapping;
        final String key;
        boolean expectingKey = true;
        String lastKey = "?";

        Frame(boolean mapping, String key) {
            this.mapping = mapping;
            this.key = key;
        }
    }
}
