package org.qaqpa.async;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * How operator tools on this machine ({@code qaqpa queue}) reach the running gateway's embedded broker,
 * the way {@code qaqpa log} reaches its H2: a core-protocol acceptor on 127.0.0.1 only, at a free port,
 * guarded by one user whose password is made anew at every start. URL, user and password are written to
 * {@value #FILE} in the broker directory, readable by its owner only (the account that runs the gateway),
 * and never logged. Security is on for the whole broker, so the gateway's own in-VM connection logs in
 * with the same user; that user may do everything, management included (there is no other user).
 */
public final class LocalBrokerAccess {

    /** Beside the journal while a gateway runs: how to reach its broker (owner-only). */
    public static final String FILE = "qaqpa.broker";
    static final String ACCEPTOR = "local-admin";
    private static final String USER = "qaqpa-admin";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The URL of the acceptor and the user that may use it. */
    public record Credentials(String url, String user, String password) {

        @Override
        public String toString() {
            return "Credentials[url=" + url + ", user=" + user + ", password=(hidden)]";
        }
    }

    private final String password;
    private Path published;

    private LocalBrokerAccess(String password) {
        this.password = password;
    }

    /** A new access with a random 256-bit password. */
    static LocalBrokerAccess generate() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new LocalBrokerAccess(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Turns security on and adds the loopback acceptor (port 0: the broker picks a free one). */
    void configure(Configuration config) throws Exception {
        config.setSecurityEnabled(true)
                .addAcceptorConfiguration(ACCEPTOR, "tcp://127.0.0.1:0?protocols=CORE");
    }

    /** Accepts this access's user with its password, and nobody else. */
    ActiveMQSecurityManager securityManager() {
        return new ActiveMQSecurityManager() {
            @Override
            public boolean validateUser(String user, String presented) {
                return USER.equals(user) && presented != null && MessageDigest.isEqual(
                        password.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public boolean validateUserAndRole(String user, String presented, Set<Role> roles, CheckType checkType) {
                return validateUser(user, presented);
            }
        };
    }

    String user() {
        return USER;
    }

    String password() {
        return password;
    }

    /**
     * Writes {@value #FILE} into {@code brokerDir} for the acceptor at {@code port}. The file is made
     * anew with mode 600 from its first byte, so the password is never readable by others.
     */
    void publish(Path brokerDir, int port) {
        Path file = brokerDir.resolve(FILE);
        Properties properties = new Properties();
        properties.setProperty("url", "tcp://127.0.0.1:" + port);
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        try {
            Files.deleteIfExists(file);
            boolean posix = brokerDir.getFileSystem().supportedFileAttributeViews().contains("posix");
            Files.createFile(file, posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0]);
            if (posix) {
                Files.setPosixFilePermissions(file, OWNER_ONLY); // createFile applied the umask
            } else {
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
                properties.store(out, "How qaqpa queue reaches this gateway's broker; removed when the gateway stops");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        published = file;
    }

    /** Removes the file: a stale one would only cost the next tool a failed connection attempt. */
    void withdraw() {
        if (published != null) {
            try {
                Files.deleteIfExists(published);
            } catch (IOException e) {
                // nothing to do: see above
            }
        }
    }

    /** What a running gateway with this broker directory published; empty when none runs (or never ran). */
    public static Optional<Credentials> read(Path brokerDir) throws IOException {
        Path file = brokerDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        String url = properties.getProperty("url");
        String user = properties.getProperty("user");
        String secret = properties.getProperty("password");
        if (url == null || user == null || secret == null) {
            throw new IOException(file + " lacks url, user or password");
        }
        return Optional.of(new Credentials(url, user, secret));
    }
}
