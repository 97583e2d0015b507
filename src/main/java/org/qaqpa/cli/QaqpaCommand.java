package org.qaqpa.cli;

import java.util.function.Function;
import org.qaqpa.server.Gateway;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code qaqpa}: the top-level command; each job is a subcommand. */
@Command(name = "qaqpa",
        mixinStandardHelpOptions = true,
        versionProvider = QaqpaCommand.Version.class,
        description = "Qaqpa: an open SOAP/XML integration gateway, wire-compatible with the SHEP contract.",
        // Our descriptions are written as lines of up to 120 characters; at picocli's default of 80 they
        // would be re-wrapped mid-sentence. Inherited by every subcommand.
        usageHelpWidth = 120,
        scope = CommandLine.ScopeType.INHERIT,
        subcommands = {RunCommand.class, DemoCommand.class, SendCommand.class, StatusCommand.class, PkiCommand.class, DsigCommand.class,
                MemberCommand.class, LogCommand.class, BenchCommand.class, QueueCommand.class, ContractCommand.class, KeysCommand.class,
                CommandLine.HelpCommand.class})
public final class QaqpaCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final Function<String, String> environment;

    /** The command as {@code main} runs it: secrets named in qaqpa.yaml come from the process environment. */
    public QaqpaCommand() {
        this(System::getenv);
    }

    /**
     * A command that reads the environment variables qaqpa.yaml names (such as {@code async.broker-password-env})
     * from {@code environment}: a JVM cannot set its own environment, so tests hand theirs in here.
     */
    public QaqpaCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    /** The environment of the {@code qaqpa} command that {@code spec} belongs to (the process's by default). */
    static Function<String, String> environment(CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof QaqpaCommand qaqpa ? qaqpa.environment : System::getenv;
    }

    public static void main(String[] args) {
        LoggingSetup.apply();
        System.exit(new CommandLine(new QaqpaCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Prints the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"qaqpa " + Gateway.version()};
        }
    }
}
