package org.qaqpa.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.ConfigSection;
import org.qaqpa.config.YamlDocument;

/**
 * Reads {@code members.yaml} as strictly as {@code qaqpa.yaml} is read: unknown keys, wrong types,
 * weak password hashes and unreadable certificates are refused with one {@code FILE:LINE: problem}.
 *
 * <pre>
 * members:
 *   dev-client:                     # the senderId
 *     password-hash: $pbkdf2-sha256$i=600000$…$…
 *     iin: "123456789011"           # and/or bin, and/or certificates: [PEM files]
 *     bin: "123456789021"
 *     services: [TEST_SERVICE_ID]
 *     rate-limit: 50                # requests per second, optional
 *     async-url: https://client.example.kz/async   # optional: its IAsyncChannelClient endpoint
 *     node: false                   # true: another gateway node of the federation (docs/regional.md)
 *     disabled: false               # true: checked like the others, but not registered (the admin API's disable)
 *     tls-client-certificate: required   # optional: its TLS client certificate must be bound to it as above
 *     max-request-size: 1MiB        # optional: its requests' limit, below server.max-request-size
 * </pre>
 */
public final class MembersFile {

    private static final List<String> SECTIONS = List.of("members");
    static final List<String> MEMBER_KEYS = List.of(
            "password-hash", "certificates", "iin", "bin", "services", "rate-limit", "async-url", "node", "disabled",
            "tls-client-certificate", "max-request-size");
    /** {@code tls-client-certificate}: {@code none} (the default) or {@code required}. */
    static final List<String> TLS_CLIENT_CERTIFICATE = List.of("none", "required");

    private MembersFile() {
    }

    /**
     * Reads every member of {@code file}; {@code dataDir} resolves {@code ${data}/} in certificate paths.
     *
     * @throws ConfigException at the first problem
     */
    public static List<Member> read(Path file, Path dataDir) {
        String label = file.toString();
        ConfigSection root = ConfigSection.root(label, YamlDocument.read(file, label), SECTIONS);
        BindingReader bindings = new BindingReader(dataDir);
        List<Member> members = new ArrayList<>();
        for (Map.Entry<String, ConfigSection> entry
                : root.sections("members", "senderId", RegistryIds::isValid, RegistryIds.RULE, MEMBER_KEYS).entrySet()) {
            Member member = member(entry.getKey(), entry.getValue(), bindings);
            if (!entry.getValue().bool("disabled", false)) {
                members.add(member);
            }
        }
        return members;
    }

    private static Member member(String senderId, ConfigSection s, BindingReader bindings) {
        String encoded = s.requiredString("password-hash", hash -> PasswordHash.parse(hash).isPresent(), PasswordHash.format());
        PasswordHash hash = PasswordHash.parse(encoded).orElseThrow();
        if (hash.iterations() < PasswordHash.MIN_ITERATIONS || hash.iterations() > PasswordHash.MAX_ITERATIONS) {
            throw s.invalid("password-hash", "has i=" + hash.iterations() + "; the iteration count must be from "
                    + PasswordHash.MIN_ITERATIONS + " to " + PasswordHash.MAX_ITERATIONS
                    + " (make a new hash with 'qaqpa member hash-password')");
        }
        CertificateBinding certificates = bindings.read(s);
        List<String> services = s.strings("services", RegistryIds::isValid, "serviceId");
        OptionalInt rateLimit = s.has("rate-limit")
                ? OptionalInt.of(s.integer("rate-limit", 1, 1_000_000, 1))
                : OptionalInt.empty();
        Optional<ProviderUrl> asyncUrl = s.optionalString("async-url", ServicesFile::isProviderUrl, ServicesFile.URL_EXPECTED)
                .map(ProviderUrl::new);
        boolean tlsClientCertificate = "required".equals(s.string("tls-client-certificate", "none",
                TLS_CLIENT_CERTIFICATE::contains, "one of " + String.join(", ", TLS_CLIENT_CERTIFICATE)));
        OptionalLong maxRequestSize = s.has("max-request-size")
                ? OptionalLong.of(s.size("max-request-size", Long.MAX_VALUE, 1024 * 1024))
                : OptionalLong.empty();
        return new Member(senderId, hash, certificates, Set.copyOf(services), rateLimit, asyncUrl, s.bool("node", false),
                tlsClientCertificate, maxRequestSize);
    }
}
