package org.qaqpa.registry;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.qaqpa.config.ConfigSection;
import org.qaqpa.security.pki.TrustMaterial;

/**
 * Reads the keys that bind a member or provider to its certificates ({@code certificates}, {@code iin},
 * {@code bin}) from a registry entry. A certificate path may start with {@code ${data}/}: the gateway's
 * data directory ({@code --data}), where the development PKI lives; other relative paths are resolved
 * against the working directory, as every path of {@code qaqpa.yaml}.
 */
final class BindingReader {

    static final List<String> KEYS = List.of("certificates", "iin", "bin");
    static final String DATA_PREFIX = "${data}/";

    /** IINs and BINs are 12 digits (NCA subject {@code SERIALNUMBER=IIN…}, {@code OU=BIN…}). */
    private static final Pattern TWELVE_DIGITS = Pattern.compile("[0-9]{12}");

    private final Path dataDir;

    BindingReader(Path dataDir) {
        this.dataDir = dataDir;
    }

    CertificateBinding read(ConfigSection entry) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String named : entry.strings("certificates", BindingReader::isPath, "certificate file path")) {
            certificates.addAll(certificates(entry, named));
        }
        Optional<String> iin = entry.optionalString("iin", BindingReader::isTwelveDigits, "an IIN of 12 digits");
        Optional<String> bin = entry.optionalString("bin", BindingReader::isTwelveDigits, "a BIN of 12 digits");
        if (certificates.isEmpty() && iin.isEmpty() && bin.isEmpty()) {
            throw entry.problem("needs 'certificates', 'iin' or 'bin': which signing certificates are its own");
        }
        return new CertificateBinding(certificates, iin, bin);
    }

    /** The file a configured path names: {@code ${data}/x} in the data directory, else as written. */
    Path resolve(String configured) {
        return configured.startsWith(DATA_PREFIX)
                ? dataDir.resolve(configured.substring(DATA_PREFIX.length()))
                : Path.of(configured);
    }

    private List<X509Certificate> certificates(ConfigSection entry, String named) {
        Path file = resolve(named).toAbsolutePath().normalize();
        try {
            return TrustMaterial.readCertificates(file);
        } catch (UncheckedIOException e) {
            String why = e.getCause() instanceof NoSuchFileException ? "file not found" : "cannot read it";
            throw entry.invalid("certificates", "names " + file + ": " + why);
        } catch (IllegalArgumentException e) {
            throw entry.invalid("certificates", "names " + file + ", which is not a certificate file (PEM or DER)");
        }
    }

    private static boolean isPath(String value) {
        return !value.isBlank() && value.codePoints().noneMatch(Character::isISOControl);
    }

    private static boolean isTwelveDigits(String value) {
        return TWELVE_DIGITS.matcher(value).matches();
    }
}
