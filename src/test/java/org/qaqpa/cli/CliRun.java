package org.qaqpa.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the {@code qaqpa} command line in this JVM, capturing what it prints. */
public final class CliRun {

    /** The exit code and what the command printed to standard output and error. */
    public record Result(int exit, String out, String err) {
    }

    private CliRun() {
    }

    /** Runs {@code qaqpa ARGS…} with {@code System.out} and {@code System.err} captured. */
    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        try (PrintStream captureOut = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream captureErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(captureOut);
            System.setErr(captureErr);
            int exit = new CommandLine(new QaqpaCommand()).execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
    }
}
