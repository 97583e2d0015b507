package org.qaqpa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.qaqpa.security.pki.DevCaFiles;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.TrustMaterial;
import org.qaqpa.security.wss.GatewayTrust;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qaqpa pki}: the development PKI. */
@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "Development PKI: NCA-like CAs and member certificates for tests and the sandbox.",
        subcommands = {PkiCommand.Init.class, PkiCommand.Revoke.class})
public final class PkiCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code qaqpa pki init}: generates a development PKI and writes it to a directory. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Generate an NCA-like development PKI (root and intermediate CA, OCSP responder, gateway,",
                    "individual, legal-entity and officer certificates, PKCS#12 key stores, an empty CRL)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:written", "1:a file could not be written",
                    "2:usage: the directory is not empty (use --force) or the --pass-env variable is not set"})
    static final class Init implements Callable<Integer> {

        static final String DEFAULT_PASSWORD_ENV = DevPki.PASSWORD_ENV;
        static final String DEVELOPMENT_PASSWORD = DevPki.DEVELOPMENT_PASSWORD;

        @Spec
        private CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "config/pki/dev",
                description = "Directory to write into (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--pass-env", paramLabel = "VAR",
                description = "Environment variable holding the PKCS#12 password (default: " + DEFAULT_PASSWORD_ENV
                        + "; if that is unset, the development password '" + DEVELOPMENT_PASSWORD + "').")
        String passEnv;

        @Option(names = "--force", description = "Write into a non-empty directory, replacing files of the same names.")
        boolean force;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            if (!force && isNonEmptyDirectory(out)) {
                stderr.println(out + " is not empty; use --force to write into it anyway");
                return 2;
            }
            char[] password;
            if (passEnv != null) {
                String value = System.getenv(passEnv);
                if (value == null) {
                    stderr.println("--pass-env names the environment variable " + passEnv + ", which is not set");
                    return 2;
                }
                password = value.toCharArray();
            } else {
                String value = System.getenv(DEFAULT_PASSWORD_ENV);
                if (value == null) {
                    stderr.println("warning: " + DEFAULT_PASSWORD_ENV + " is not set; the PKCS#12 files use the development password '"
                            + DEVELOPMENT_PASSWORD + "'");
                    value = DEVELOPMENT_PASSWORD;
                }
                password = value.toCharArray();
            }
            List<Path> written;
            try {
                written = DevPki.generate(Clock.systemUTC()).writeTo(out, password, force);
            } catch (UncheckedIOException e) {
                stderr.println("cannot write the PKI: " + e.getMessage() + " (" + e.getCause().getMessage() + ")");
                return 1;
            } catch (IllegalArgumentException e) {
                stderr.println(e.getMessage()); // the directory filled up between the check and the write
                return 2;
            }
            stdout.println("Wrote a development PKI to " + out.toAbsolutePath().normalize() + ":");
            written.forEach(file -> stdout.println("  " + file.getFileName()));
            stdout.println("Trust root-cert.pem (RSA) and gost-root-cert.pem (GOST); the *-key.pem files are unencrypted"
                    + " and readable by you only.");
            return 0;
        }

        private static boolean isNonEmptyDirectory(Path dir) {
            try (var entries = Files.list(dir)) {
                return entries.findAny().isPresent();
            } catch (IOException e) {
                return false; // missing (created later) or not a directory (reported by the write)
            }
        }
    }

    /** {@code qaqpa pki revoke}: revokes a certificate of the development intermediate CA. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Revoke a certificate of the development PKI: the sandbox certifying centre answers OCSP",
                    "with 'revoked' at once, and crl.pem is re-issued (a running gateway reads it within seconds)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:revoked (or already revoked)", "1:the PKI could not be read or written",
                    "2:usage: no serial or certificate, a bad serial, or no development CA key in the directory"})
    static final class Revoke implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "SERIAL",
                description = "Serial number in hex as openssl prints it (colons and 0x allowed).")
        String serial;

        @Option(names = "--cert", paramLabel = "PEM", description = "Revoke the certificate in this file instead of naming its serial.")
        Path cert;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "data/pki",
                description = "The development PKI (default: ${DEFAULT-VALUE}, the one `run` creates; `pki init` writes config/pki/dev).")
        Path dir;

        @Override
        public Integer call() {
            PrintWriter stderr = spec.commandLine().getErr();
            if ((serial == null) == (cert == null)) {
                stderr.println("name the certificate to revoke: a SERIAL or --cert PEM (one of them)");
                return 2;
            }
            java.math.BigInteger number;
            try {
                number = serial != null
                        ? DevCaFiles.parseSerial(serial).orElseThrow(() -> new IllegalArgumentException(
                                "not a hex serial number: " + serial))
                        : TrustMaterial.readCertificates(cert).get(0).getSerialNumber();
            } catch (IllegalArgumentException e) {
                stderr.println(e.getMessage());
                return 2;
            } catch (UncheckedIOException e) {
                stderr.println(e.getMessage());
                return 1;
            }
            try {
                DevCaFiles ca = DevCaFiles.open(dir, DevPki.password(), Clock.systemUTC());
                java.time.Instant at = ca.revoke(number, GatewayTrust.DEV_CRL_VALIDITY);
                spec.commandLine().getOut().println("revoked " + number.toString(16) + " as of " + at
                        + "; re-issued " + dir.resolve(DevCaFiles.CRL_FILE));
                return 0;
            } catch (IllegalArgumentException e) {
                stderr.println(e.getMessage());
                return 2;
            } catch (UncheckedIOException e) {
                stderr.println(e.getMessage());
                return 1;
            }
        }
    }
}
