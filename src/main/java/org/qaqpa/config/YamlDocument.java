package org.qaqpa.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads one YAML file (the gateway config or a registry) into a node tree with line marks, refusing files that are too large,
 * not UTF-8 or not YAML, and (through {@link YamlScreen}) YAML features a config file never needs.
 */
public final class YamlDocument {

    /** Config files are small; the cap keeps a wrong path (a log, a dump) from being read whole. */
    static final int MAX_FILE_SIZE = 1024 * 1024;

    private YamlDocument() {
    }

    /** Returns the root node, or empty for a file holding no document (empty or only comments). */
    public static Optional<Node> read(Path path, String label) {
        return parse(readBytes(path, label), label);
    }

    /**
     * As {@link #read(Path, String)} for YAML that is not a file of its own (a class-path resource), with the
     * same size cap and checks.
     */
    public static Optional<Node> parse(byte[] bytes, String label) {
        if (bytes.length > MAX_FILE_SIZE) {
            throw new ConfigException(label, "file is larger than 1 MiB");
        }
        String text = decode(bytes, label);
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setSchema(new CoreSchema())
                .setCodePointLimit(MAX_FILE_SIZE)
                // so that a [list] or {map} used as a key is reported by ConfigSection with its line
                .setAllowNonScalarKeys(true)
                .build();
        try {
            YamlScreen.check(new Parse(settings).parseString(text), label);
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw invalid(label, mark.map(m -> m.getLine() + 1).orElse(0), problem);
        } catch (ReaderException e) {
            throw invalid(label, lineOfCodePoint(text, e.getPosition()), e.getMessage());
        } catch (YamlEngineException e) {
            throw invalid(label, 0, e.getMessage());
        }
    }

    private static byte[] readBytes(Path path, String label) {
        if (Files.isDirectory(path)) {
            throw new ConfigException(label, "is a directory, expected a YAML file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            // Read one byte past the cap rather than trusting the size reported for the file; parse refuses it.
            return in.readNBytes(MAX_FILE_SIZE + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(label, "file not found");
        } catch (IOException e) {
            throw new ConfigException(label, "cannot read file: " + oneLine(String.valueOf(e.getMessage())));
        }
    }

    private static String decode(byte[] bytes, String label) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ConfigException(label, line, "not valid UTF-8");
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int lineOfCodePoint(String text, int position) {
        int line = 1;
        int[] codePoints = text.codePoints().limit(Math.max(position, 0)).toArray();
        for (int codePoint : codePoints) {
            if (codePoint == '\n') {
                line++;
            }
        }
        return line;
    }

    private static ConfigException invalid(String label, int line, String problem) {
        String text = "not valid YAML: " + oneLine(String.valueOf(problem));
        return line > 0 ? new ConfigException(label, line, text) : new ConfigException(label, text);
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
