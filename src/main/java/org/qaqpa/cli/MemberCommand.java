package org.qaqpa.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.qaqpa.registry.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qaqpa member}: tools for {@code members.yaml}. */
@Command(name = "member", mixinStandardHelpOptions = true,
        description = "Tools for the member registry (members.yaml).",
        subcommands = MemberCommand.HashPassword.class)
public final class MemberCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code qaqpa member hash-password}: prints the {@code password-hash} line for a member. The
     * password never comes from an argument, which would leave it in the shell history and in
     * {@code ps} output for every user of the machine.
     */
    @Command(name = "hash-password", mixinStandardHelpOptions = true,
            description = {"Print a PBKDF2-HMAC-SHA256 hash of a member's password, for 'password-hash' in members.yaml.",
                    "The password comes from --password-env; else from the first line of standard input if that",
                    "is not a terminal or --stdin is given; else it is asked for twice. Never from an argument."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:printed", "2:no password: the variable is not set, the input is empty, or the two entries differ"})
    static final class HashPassword implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--password-env", paramLabel = "VAR",
                description = "Read the password from this environment variable.")
        String passwordEnv;

        @Option(names = "--stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;

        private final Function<String, String> environment;
        private final Supplier<InputStream> input;
        private final Supplier<Console> console;

        HashPassword() {
            this(System::getenv, () -> System.in, System::console);
        }

        /** For tests: the environment, standard input and terminal to read from. */
        HashPassword(Function<String, String> environment, Supplier<InputStream> input, Supplier<Console> console) {
            this.environment = environment;
            this.input = input;
            this.console = console;
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            char[] password;
            if (passwordEnv != null) {
                String value = environment.apply(passwordEnv);
                if (value == null) {
                    err.println("--password-env names the environment variable " + passwordEnv + ", which is not set");
                    return 2;
                }
                password = value.toCharArray();
            } else if (stdin || console.get() == null) {
                password = firstLine();
            } else {
                password = fromTerminal(console.get());
                if (password == null) {
                    err.println("the two passwords differ");
                    return 2;
                }
            }
            try {
                if (password.length == 0) {
                    err.println("the password is empty");
                    return 2;
                }
                spec.commandLine().getOut().println(PasswordHash.create(password).encoded());
                return 0;
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] firstLine() throws IOException {
            BufferedReader reader = new BufferedReader(new InputStreamReader(input.get(), StandardCharsets.UTF_8));
            String line = reader.readLine();
            return line == null ? new char[0] : line.toCharArray();
        }

        /** Asks twice without echo; null when the entries differ. */
        private static char[] fromTerminal(Console terminal) {
            char[] first = terminal.readPassword("Password: ");
            char[] second = terminal.readPassword("Again: ");
            if (first == null || second == null) {
                return new char[0];
            }
            try {
                return Arrays.equals(first, second) ? first.clone() : null;
            } finally {
                Arrays.fill(first, '\0');
                Arrays.fill(second, '\0');
            }
        }
    }
}
