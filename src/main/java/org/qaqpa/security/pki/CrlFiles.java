package org.qaqpa.security.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CRL files of a directory ({@code *.pem}, {@code *.crl}), read again when a file is added, removed
 * or changed, so an operator (or {@code qaqpa pki revoke}) replaces a CRL without a restart. The
 * directory is looked at no more than once per {@link #RECHECK}; a file that does not parse keeps
 * its previous content, with a log line naming it.
 */
public final class CrlFiles implements CrlSource {

    private static final Logger LOG = LoggerFactory.getLogger(CrlFiles.class);
    static final Duration RECHECK = Duration.ofSeconds(2);
    /** The files of a CRL directory. */
    public static final String ALL_CRL_FILES = "*.{pem,crl}";

    private record Loaded(FileTime modified, long size, X509CRL crl) {
    }

    private final Path dir;
    private final String glob;
    private final Clock clock;
    private Map<Path, Loaded> loaded = Map.of();
    private List<X509CRL> crls = List.of();
    private Instant checkedAt = Instant.MIN;

    /**
     * Reads the directory once now.
     *
     * @param glob which files of {@code dir} are CRLs, e.g. {@link #ALL_CRL_FILES}
     * @throws UncheckedIOException if the directory cannot be listed
     * @throws IllegalArgumentException if a file is not a CRL (at start, a bad file is a configuration error)
     */
    public CrlFiles(Path dir, String glob, Clock clock) {
        this.dir = dir;
        this.glob = glob;
        this.clock = clock;
        reload(true);
    }

    /** The CRLs read from the directory (for every certificate; the checker picks by issuer). */
    @Override
    public synchronized List<X509CRL> crlsFor(X509Certificate certificate) {
        reloadIfDue();
        return crls;
    }

    /**
     * The CRLs read from the directory by file, read again first when a file may have changed since (as
     * {@link #crlsFor} does); for the admin API's list.
     */
    public synchronized Map<Path, X509CRL> byFile() {
        reloadIfDue();
        Map<Path, X509CRL> all = new LinkedHashMap<>();
        loaded.forEach((file, entry) -> all.put(file, entry.crl()));
        return all;
    }

    /**
     * Reads the directory again now, not waiting for {@link #RECHECK}: after the admin API added or removed a file,
     * the next check uses the directory as it is (a removed CRL is no longer used).
     *
     * @throws UncheckedIOException if the directory cannot be listed
     */
    public synchronized void readAgain() {
        reload(false);
    }

    /** The directory read. */
    public Path dir() {
        return dir;
    }

    private void reloadIfDue() {
        if (!clock.instant().isBefore(checkedAt.plus(RECHECK))) {
            try {
                reload(false);
            } catch (UncheckedIOException e) {
                LOG.warn("cannot list the CRL directory {}; keeping the CRLs read before", dir);
            }
        }
    }

    private void reload(boolean strict) {
        checkedAt = clock.instant();
        Map<Path, Loaded> next = new LinkedHashMap<>();
        for (Path file : files()) {
            Loaded before = loaded.get(file);
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                long size = Files.size(file);
                if (before != null && before.modified().equals(modified) && before.size() == size) {
                    next.put(file, before);
                    continue;
                }
                next.put(file, new Loaded(modified, size, TrustMaterial.readCrl(file)));
                if (!strict) {
                    LOG.info("read the changed CRL {}", file);
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                if (strict && e instanceof IllegalArgumentException refused) {
                    throw refused;
                }
                LOG.warn("cannot read the CRL {} ({}); keeping what was read before", file, e.getMessage());
                if (before != null) {
                    next.put(file, before);
                }
            }
        }
        loaded = next;
        List<X509CRL> all = new ArrayList<>();
        next.values().forEach(entry -> all.add(entry.crl()));
        crls = List.copyOf(all);
    }

    private List<Path> files() {
        return TrustMaterial.files(dir, glob);
    }
}
