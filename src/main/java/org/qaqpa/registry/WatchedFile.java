package org.qaqpa.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.qaqpa.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registry file and what was last loaded from it: reloads it when its content changes, and keeps
 * the registry as it was when the new content is refused (logging the {@code FILE:LINE: problem}).
 *
 * <p>A change is detected by the SHA-256 of the content, not by the modification time: an edit within
 * the file system's timestamp granularity, or a file replaced by an older copy, still counts.
 */
final class WatchedFile<T> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchedFile.class);
    /** Registry files are read whole; the YAML reader refuses anything larger anyway. */
    private static final int MAX_BYTES = 1024 * 1024 + 1;
    private static final byte[] MISSING = new byte[0];

    private final Path file;
    private final String entries;
    private final Function<Path, List<T>> reader;
    private final Consumer<List<T>> install;
    /** Fingerprint of the content last read, accepted or not, so a refused file is reported once, not at every check. */
    private byte[] seen;
    private volatile String problem;

    /**
     * @param entries what the file holds, plural, for log lines ("members")
     * @param reader  parses the file, throwing {@link ConfigException} on a problem
     * @param install replaces the registry's content
     */
    WatchedFile(Path file, String entries, Function<Path, List<T>> reader, Consumer<List<T>> install) {
        this.file = file;
        this.entries = entries;
        this.reader = reader;
        this.install = install;
    }

    /**
     * The first load: a bad file is thrown (the gateway does not start); a missing one gives an empty
     * registry with a warning, and is loaded when it appears.
     */
    synchronized void loadAtStart() {
        seen = fingerprint();
        if (seen == MISSING) {
            LOG.warn("{}: file not found; no {} registered until it is created", file, entries);
            install.accept(List.of());
            return;
        }
        List<T> loaded = reader.apply(file);
        install.accept(loaded);
        LOG.info("{}: {} {} loaded", file, loaded.size(), entries);
    }

    /** Reloads if the content changed since the last check; never throws. */
    synchronized void reloadIfChanged() {
        try {
            byte[] now = fingerprint();
            if (Arrays.equals(now, seen)) {
                return;
            }
            seen = now;
            if (now == MISSING) {
                problem = file + ": file not found";
                LOG.warn("{}: file not found; keeping the {} loaded before", file, entries);
                return;
            }
            List<T> loaded = reader.apply(file);
            install.accept(loaded);
            problem = null;
            LOG.info("{}: changed, {} {} loaded", file, loaded.size(), entries);
        } catch (ConfigException e) {
            problem = e.getMessage();
            LOG.warn("{}; keeping the {} loaded before", e.getMessage(), entries);
        } catch (RuntimeException e) {
            problem = file + ": " + e;
            LOG.warn("{}: reload failed: {}; keeping the {} loaded before", file, e.toString(), entries);
        }
    }

    /** The problem of the last refused reload, empty once the file loads again. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private byte[] fingerprint() {
        try (InputStream in = Files.newInputStream(file)) {
            return MessageDigest.getInstance("SHA-256").digest(in.readNBytes(MAX_BYTES));
        } catch (NoSuchFileException e) {
            return MISSING;
        } catch (IOException e) {
            // unreadable now (permissions, a directory): let the reader report it with its usual message
            return ("unreadable " + e).getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
