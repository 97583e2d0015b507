package org.qaqpa.contract;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * The signing keys a suite names: a bare name is {@code DATA/pki/NAME.p12} of the development PKI
 * ({@code legal}, {@code individual}, {@code officer}, {@code gost-individual}, ...), as {@code qaqpa send}
 * finds its member key; anything with a slash or ending in {@code .p12} is a keystore path relative to
 * the suite file. Passwords as for {@code send}: {@code QAQPA_PKI_PASSWORD} or the development password.
 */
final class MemberKeys {

    private final Path pkiDir;
    private final Map<Path, IssuedCertificate> loaded = new HashMap<>();

    /** @param pkiDir the development PKI's directory ({@code DATA/pki}, or {@code security.dev-pki-dir}) */
    MemberKeys(Path pkiDir) {
        this.pkiDir = pkiDir;
    }

    /** The key {@code name} of a suite in {@code suiteDir}; an unreadable keystore is an {@link IllegalArgumentException}. */
    synchronized IssuedCertificate get(String name, Path suiteDir) {
        Path p12 = isPath(name) ? suiteDir.resolve(name) : pkiDir.resolve(name + ".p12");
        IssuedCertificate key = loaded.get(p12);
        if (key == null) {
            if (!Files.isRegularFile(p12)) {
                throw new IllegalArgumentException("signing key '" + name + "': " + p12 + " does not exist"
                        + (isPath(name) ? "" : " (is --data the gateway's data directory?)"));
            }
            try {
                key = IssuedCertificate.readPkcs12(p12, DevPki.password());
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("signing key '" + name + "': cannot open " + p12 + ": "
                        + e.getCause().getMessage(), e);
            }
            loaded.put(p12, key);
        }
        return key;
    }

    static boolean isPath(String name) {
        return name.contains("/") || name.endsWith(".p12");
    }
}
