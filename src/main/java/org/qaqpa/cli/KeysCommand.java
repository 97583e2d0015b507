package org.qaqpa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.Jsoner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qaqpa keys}: the gateway's signing key through the running gateway's admin API (docs/admin-api.md):
 * {@code show} prints the current and replaced certificates, {@code rotate} uploads a new PKCS#12 and switches to
 * it without a restart. A client of {@code /admin/keys}, nothing more: every check is the gateway's.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Show or rotate the running gateway's signing key through its admin API (docs/security.md).",
        subcommands = {KeysCommand.Show.class, KeysCommand.Rotate.class})
public final class KeysCommand implements Runnable {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int IO_ERROR = 3;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the admin API is and how to sign in at it. */
    static final class AdminOptions {

        @Option(names = "--admin", paramLabel = "URL", defaultValue = "http://127.0.0.1:8081/admin/",
                description = "The admin API's address, as the gateway logs it (default: ${DEFAULT-VALUE}).")
        URI admin;

        @Option(names = "--token-env", paramLabel = "VAR", defaultValue = "QAQPA_ADMIN_TOKEN",
                description = "Environment variable holding the admin token (default: ${DEFAULT-VALUE}).")
        String tokenEnv;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        /** Sends the request with the token; the answer's status and JSON object, or an exit code after printing why. */
        Answer send(HttpRequest.Builder request, PrintWriter err) {
            Function<String, String> environment = QaqpaCommand.environment(spec);
            String token = environment.apply(tokenEnv);
            if (token == null || token.isBlank()) {
                err.println(tokenEnv + " is not set: it must hold the gateway's admin token");
                return Answer.failed(USAGE);
            }
            try {
                HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                        .send(request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                Object body = Jsoner.deserialize(response.body());
                if (!(body instanceof Map<?, ?> map)) {
                    err.println("the admin API answered HTTP " + response.statusCode() + " without a JSON object");
                    return Answer.failed(IO_ERROR);
                }
                if (response.statusCode() != 200) {
                    err.println("refused (HTTP " + response.statusCode() + " " + map.get("error") + "): " + map.get("message"));
                    return Answer.failed(REFUSED);
                }
                return new Answer(OK, map);
            } catch (IOException | DeserializationException e) {
                err.println("cannot reach the admin API at " + admin + ": " + e.getMessage());
                return Answer.failed(IO_ERROR);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Answer.failed(IO_ERROR);
            }
        }

        /** {@code path} below the admin API's address, whether or not it was given with its trailing '/'. */
        URI keys(String path) {
            String base = admin.toString();
            return URI.create(base.endsWith("/") ? base : base + "/").resolve(path);
        }
    }

    /** An exit code, and on success the admin API's answer. */
    record Answer(int exit, Map<?, ?> body) {
        static Answer failed(int exit) {
            return new Answer(exit, Map.of());
        }
    }

    /** Prints the answer of {@code GET /admin/keys}: one line for the current certificate, one per replaced one. */
    static void print(Map<?, ?> keys, PrintWriter out) {
        Map<?, ?> current = (Map<?, ?>) keys.get("current");
        out.println("current   serial " + current.get("serial") + "  " + current.get("subject") + "  since "
                + current.get("since") + "  expires " + current.get("notAfter"));
        for (Object item : (List<?>) keys.get("previous")) {
            Map<?, ?> previous = (Map<?, ?>) item;
            out.println("previous  serial " + previous.get("serial") + "  " + previous.get("subject") + "  accepted until "
                    + previous.get("acceptedUntil") + (Boolean.TRUE.equals(previous.get("accepted")) ? "" : " (ended)"));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the gateway's current signing certificate and those it replaced (GET /admin/keys).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:printed", "1:refused by the admin API", "2:usage error (no token)",
                    "3:the admin API cannot be reached"})
    static final class Show implements Callable<Integer> {

        @Mixin
        AdminOptions admin;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Answer answer = admin.send(HttpRequest.newBuilder(admin.keys("keys")).GET(), spec.commandLine().getErr());
            if (answer.exit() == OK) {
                print(answer.body(), spec.commandLine().getOut());
            }
            return answer.exit();
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Switch the running gateway to the key in a PKCS#12 file (POST /admin/keys/rotate): the",
                    "gateway checks it, writes it to its keystore and signs with it from the next message on; the old",
                    "certificate stays published for security.key-rotation-grace."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:rotated", "1:refused (the message says why: CERT_EXPIRED, wrong password…)",
                    "2:usage error (no token, no password, unreadable file)", "3:the admin API cannot be reached"})
    static final class Rotate implements Callable<Integer> {

        @Option(names = "--keystore", paramLabel = "FILE", required = true,
                description = "PKCS#12 file with the new key, its certificate and chain.")
        Path keystore;

        @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "QAQPA_NEW_KEYSTORE_PASSWORD",
                description = "Environment variable holding the PKCS#12 file's password (default: ${DEFAULT-VALUE}).")
        String passwordEnv;

        @Mixin
        AdminOptions admin;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            String password = QaqpaCommand.environment(spec).apply(passwordEnv);
            if (password == null) {
                err.println(passwordEnv + " is not set: it must hold the password of " + keystore);
                return USAGE;
            }
            byte[] pkcs12;
            try {
                pkcs12 = Files.readAllBytes(keystore);
            } catch (NoSuchFileException e) {
                err.println(keystore + ": file not found");
                return USAGE;
            } catch (IOException e) {
                err.println("cannot read " + keystore + ": " + e.getMessage());
                return USAGE;
            }
            String body = Jsoner.serialize(Map.of("pkcs12", Base64.getEncoder().encodeToString(pkcs12), "password", password));
            Answer answer = admin.send(HttpRequest.newBuilder(admin.keys("keys/rotate"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), err);
            if (answer.exit() == OK) {
                spec.commandLine().getOut().println("rotated");
                print(answer.body(), spec.commandLine().getOut());
            }
            return answer.exit();
        }
    }
}
