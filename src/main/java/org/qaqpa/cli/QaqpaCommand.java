package org.qaqpa.cli;

import org.qaqpa.server.Gateway;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code qaqpa}: the top-level command; each job is a subcommand. */
@Command(name = "qaqpa",
        mixinStandardHelpOptions = true,
        versionProvider = QaqpaCommand.Version.class,
        description = "Qaqpa: an open SOAP/XML integration gateway, wire-compatible with the SHEP contract.",
        subcommands = {RunCommand.class, SendCommand.class, StatusCommand.class, PkiCommand.class, DsigCommand.class, MemberCommand.class, LogCommand.class,
                BenchCommand.class,
                QueueCommand.class,
                CommandLine.HelpCommand.class})
public final class QaqpaCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

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
