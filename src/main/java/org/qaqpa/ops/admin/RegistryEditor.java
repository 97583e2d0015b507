package org.qaqpa.ops.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qaqpa.config.ConfigException;
import org.qaqpa.registry.RegistryIds;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Changes one registry file ({@code members.yaml} or {@code services.yaml}) entry by entry, for the admin API.
 *
 * <p>Every change is validated by the very reader the gateway loads the file with ({@code MembersFile.read},
 * {@code ServicesFile.read}), on the whole new file written to a temporary file beside it; only a file that reader
 * accepts replaces the old one, by an atomic rename. So a refused change leaves the file untouched, the regular
 * reload ({@code RegistryFiles}) sees either the old or the new file, never half of one, and every gateway node
 * reading the same file loads the same registry. A lock file beside it ({@code .members.yaml.lock}) serialises the
 * read-change-write of admin requests on several nodes (on a local or a lock-honouring shared file system).
 *
 * <p>The file is written from its parsed content: comments and the order of hand edits are not kept (a header
 * says so). An operator who keeps commented files under version control edits them there instead.
 */
final class RegistryEditor {

    /** Which registry file: its top-level section and the name of its entries' ids. */
    enum Registry {
        MEMBERS("members", "senderId", "member"),
        SERVICES("services", "serviceId", "service");

        final String section;
        final String idName;
        final String entry;

        Registry(String section, String idName, String entry) {
            this.section = section;
            this.idName = idName;
            this.entry = entry;
        }
    }

    /** The key that keeps an entry in the file without registering it ({@code MembersFile}, {@code ServicesFile}). */
    static final String DISABLED = "disabled";

    /** {@code 'members.x.certificates' …}, {@code unknown key 'members.x.foo' …}: the key a reader's problem names. */
    private static final Pattern PROBLEM_KEY = Pattern.compile("^(?:unknown key |duplicate key )?'([^']+)'");

    private static final Pattern QUOTED = Pattern.compile("'([a-z-]+)'");

    private final Registry registry;
    private final Path file;
    private final Function<Path, List<?>> reader;
    private final Runnable reload;
    private final Clock clock;

    /**
     * @param reader reads and validates a file as the gateway does, throwing {@link ConfigException}
     * @param reload makes the gateway load the file now (the other nodes see it at their next check)
     */
    RegistryEditor(Registry registry, Path file, Function<Path, List<?>> reader, Runnable reload, Clock clock) {
        this.registry = registry;
        this.file = file.toAbsolutePath().normalize();
        this.reader = reader;
        this.reload = reload;
        this.clock = clock;
    }

    Registry registry() {
        return registry;
    }

    /** Every entry's definition as the file holds it, by id (sorted). */
    Map<String, Map<String, Object>> all() {
        return new TreeMap<>(entries(read()));
    }

    /** One entry's definition. */
    Optional<Map<String, Object>> find(String id) {
        return Optional.ofNullable(entries(read()).get(id));
    }

    /** Adds an entry; refused when the id is taken or the new file would not load. */
    void add(String id, Map<String, Object> definition) {
        change(id, entries -> {
            if (entries.containsKey(id)) {
                throw new AdminException(409, AdminException.CONFLICT, registry.entry + " '" + id + "' exists; change it with PUT",
                        registry.idName);
            }
            entries.put(id, definition);
        });
    }

    /** Replaces an entry's whole definition; refused when there is none or the new file would not load. */
    void replace(String id, Map<String, Object> definition) {
        change(id, entries -> {
            existing(entries, id);
            entries.put(id, definition);
        });
    }

    /** Sets or clears {@code disabled: true} on an entry. */
    void disable(String id, boolean disabled) {
        change(id, entries -> {
            Map<String, Object> definition = new LinkedHashMap<>(existing(entries, id));
            if (disabled) {
                definition.put(DISABLED, true);
            } else {
                definition.remove(DISABLED);
            }
            entries.put(id, definition);
        });
    }

    private Map<String, Object> existing(Map<String, Map<String, Object>> entries, String id) {
        Map<String, Object> definition = entries.get(id);
        if (definition == null) {
            throw AdminException.notFound("no " + registry.entry + " '" + id + "' in " + file.getFileName());
        }
        return definition;
    }

    private interface Change {
        void apply(Map<String, Map<String, Object>> entries);
    }

    private void change(String id, Change change) {
        if (!RegistryIds.isValid(id)) {
            throw AdminException.badRequest(registry.idName, registry.idName + " must be " + RegistryIds.RULE);
        }
        synchronized (this) {
            try {
                Files.createDirectories(file.getParent());
                try (FileChannel lockFile = FileChannel.open(file.resolveSibling("." + file.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = lockFile.lock()) {
                    Map<String, Object> root = read();
                    Map<String, Map<String, Object>> entries = entries(root);
                    change.apply(entries);
                    root.put(registry.section, entries);
                    write(root, id);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
        reload.run();
    }

    /** Writes the new content to a temporary file, lets the gateway's reader check it, then renames it over the file. */
    private void write(Map<String, Object> root, String id) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, "# Written by the Qaqpa admin API at " + clock.instant()
                    + " (docs/admin-api.md); comments are not kept.\n" + dump(root), StandardCharsets.UTF_8);
            try {
                reader.apply(temporary);
            } catch (ConfigException e) {
                throw refused(e, id);
            }
            keepPermissions(temporary);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot rename atomically in " + file.getParent(), e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void keepPermissions(Path temporary) {
        try {
            Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(file));
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            // a new file keeps the temporary file's (owner only); no POSIX permissions: nothing to keep
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The reader's refusal as a 400 naming the key: relative to the entry changed ({@code certificates}), in full
     * when the problem is elsewhere in the file ({@code members.other.bin}).
     */
    private AdminException refused(ConfigException e, String id) {
        Matcher key = PROBLEM_KEY.matcher(e.problem());
        String field = null;
        if (key.find()) {
            String prefix = registry.section + "." + id;
            if (key.group(1).startsWith(prefix + ".")) {
                field = key.group(1).substring(prefix.length() + 1);
            } else if (key.group(1).equals(prefix)) {
                // the entry as a whole ("'members.x' needs 'certificates', 'iin' or 'bin'"): the first key it names
                Matcher named = QUOTED.matcher(e.problem().substring(key.end()));
                field = named.find() ? named.group(1) : registry.idName;
            } else {
                field = key.group(1);
            }
        }
        return new AdminException(400, AdminException.INVALID_DEFINITION, e.problem(), field);
    }

    private Map<String, Object> read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Object loaded = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(text);
        if (loaded == null) {
            return new LinkedHashMap<>();
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IllegalStateException(file + " is not a mapping of sections");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = new LinkedHashMap<>((Map<String, Object>) map);
        return root;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> entries(Map<String, Object> root) {
        Object section = root.get(registry.section);
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        if (section instanceof Map<?, ?> map) {
            map.forEach((id, definition) -> entries.put(String.valueOf(id),
                    definition instanceof Map<?, ?> d ? new LinkedHashMap<>((Map<String, Object>) d) : new LinkedHashMap<>()));
        }
        return entries;
    }

    private static String dump(Map<String, Object> root) {
        DumpSettings settings = DumpSettings.builder()
                .setSchema(new CoreSchema())
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(4096)
                .setSplitLines(false)
                .build();
        return new Dump(settings).dumpToString(root);
    }
}
