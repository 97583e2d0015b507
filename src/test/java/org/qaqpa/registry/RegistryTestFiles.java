package org.qaqpa.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes registry files for tests; the hashes are cheap (the minimum cost the files accept). */
final class RegistryTestFiles {

    /** The password every test member has. */
    static final String PASSWORD = "test-password";
    /** {@link #PASSWORD} hashed at the lowest accepted cost, made once per test run. */
    static final String HASH = PasswordHash.create(PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();

    private RegistryTestFiles() {
    }

    static Path write(Path file, String yaml) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A members.yaml with one member {@code senderId} bound to BIN 123456789021, allowed {@code services}. */
    static String oneMember(String senderId, String services) {
        return """
                members:
                  %s:
                    password-hash: %s
                    bin: "123456789021"
                    services: [%s]
                """.formatted(senderId, HASH, services);
    }

    static String oneService(String serviceId) {
        return """
                services:
                  %s:
                    url: https://provider.example.kz/shep
                    bin: "990340000025"
                """.formatted(serviceId);
    }

    static Path projectDir() {
        return Path.of(System.getProperty("qaqpa.project.dir", ".")).toAbsolutePath();
    }
}
