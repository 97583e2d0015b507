package org.qaqpa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.ConfigLoader;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.log.ArchiveChunk;
import org.qaqpa.log.ChainReport;
import org.qaqpa.log.ChainVerifier;
import org.qaqpa.log.LogArchiver;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.log.MessageLog;
import org.qaqpa.log.MessageLogReader;
import org.qaqpa.storage.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qaqpa log}: read and check the message log of a gateway's database. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Check the message log's hash chain and print exchanges (docs/message-log.md).",
        subcommands = {LogCommand.Verify.class, LogCommand.Show.class, LogCommand.Trace.class, LogCommand.Archive.class})
public final class LogCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit codes shared by the subcommands. */
    static final int OK = 0;
    static final int FOUND_A_PROBLEM = 1;
    static final int USAGE = 2;
    static final int DATABASE_ERROR = 3;

    /**
     * The database a gateway with the same {@code --config} and {@code --data} uses. H2 error 90020:
     * the file is open in a running gateway, which holds H2's file lock.
     */
    static final class DatabaseOptions {

        private static final int H2_DATABASE_ALREADY_OPEN = 90020;
        private static final int H2_DATABASE_NOT_FOUND = 90146;

        @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
                description = "Directory holding qaqpa.yaml, for database.* (default: ${DEFAULT-VALUE}).")
        Path configDir;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
                description = "The gateway's data directory; its H2 database is used unless database.url is set"
                        + " (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--profile", paramLabel = "PROFILE",
                description = "regional: read regional.yaml instead of qaqpa.yaml, as run --profile regional does.")
        String profile;

        /** The configuration {@link #open} read. */
        GatewayConfig config;

        /** The configured database; prints why and throws {@link Failure} if it cannot be had. */
        Database open(PrintWriter stderr) throws Failure {
            Path file;
            try {
                file = ConfigLoader.fileOf(configDir, profile == null ? GatewayConfig.Federation.NATIONAL : profile);
            } catch (IllegalArgumentException e) {
                stderr.println(e.getMessage());
                throw new Failure(USAGE);
            }
            try {
                config = ConfigLoader.load(file);
            } catch (ConfigException e) {
                stderr.println(e.getMessage());
                throw new Failure(USAGE);
            }
            Optional<String> passwordEnv = config.database().passwordEnv();
            if (passwordEnv.isPresent() && System.getenv(passwordEnv.get()) == null) {
                stderr.println(file + ": 'database.password-env' names the environment variable " + passwordEnv.get()
                        + ", which is not set");
                throw new Failure(USAGE);
            }
            try {
                return Database.openExisting(config.database(), dataDir);
            } catch (IllegalStateException e) {
                // a database server (database.url) that refused or did not answer the pool's first connection
                stderr.println(e.getMessage());
                throw new Failure(DATABASE_ERROR);
            }
        }

        /** One line on why the database could not be read; the exit code is always {@link #DATABASE_ERROR}. */
        int report(SQLException e, Database db, PrintWriter stderr) {
            String message = switch (e.getErrorCode()) {
                case H2_DATABASE_ALREADY_OPEN -> "the database " + db.url() + " is open in a running gateway (H2 locks"
                        + " its file); stop the gateway first, or use a server database (database.url)";
                case H2_DATABASE_NOT_FOUND -> "no database in " + dataDir.toAbsolutePath().normalize().resolve("db")
                        + "; has a gateway run with --data " + dataDir + "?";
                default -> "cannot read the message log in " + db.url() + ": " + e.getMessage();
            };
            stderr.println(message);
            return DATABASE_ERROR;
        }
    }

    /** Ends a subcommand early with an exit code, after its message was printed. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        Failure(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /** {@code qaqpa log verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Walk the hash chain of the message log from its first row and report the first broken link",
                    "(a row edited or deleted, an envelope changed, the newest rows deleted).",
                    "With the default H2 database a running gateway is reached through its local-only H2 server (DATA/db/qaqpa.tcp)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the chain is intact", "1:a broken link was found", "2:bad configuration or usage",
                    "3:the database could not be read"})
    static final class Verify implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        DatabaseOptions database;

        @Option(names = "--archive", paramLabel = "DIR",
                description = "Also check the chunk files `qaqpa log archive` wrote to DIR: their SHA-256 and every row in them.")
        Path archiveDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Database db = database.open(err)) {
                ChainReport report;
                try {
                    report = new ChainVerifier(db.dataSource(), Optional.ofNullable(archiveDir)).verify();
                } catch (SQLException e) {
                    return database.report(e, db, err);
                }
                if (report.broken().isPresent()) {
                    ChainReport.BrokenLink link = report.broken().get();
                    out.println("log BROKEN: " + link.rowId().map(id -> "row id " + id + ", ").orElse("")
                            + "chain '" + link.chainId() + "' position " + link.position() + ": " + link.reason());
                    out.println(report.rows() + " rows verified before it");
                    return FOUND_A_PROBLEM;
                }
                out.println("log ok: " + report.rows() + " rows, " + heads(report.heads()) + archived(report));
                return OK;
            } catch (Failure f) {
                return f.exitCode;
            }
        }

        private String archived(ChainReport report) {
            if (report.archivedRows() == 0) {
                return "";
            }
            return "; before them " + report.archivedRows() + " archived rows, " + (archiveDir == null
                    ? "linked through their archive records (--archive DIR checks the files)" : "checked in " + archiveDir);
        }

        private static String heads(Map<String, String> heads) {
            if (heads.isEmpty()) {
                return "no head yet (empty log)";
            }
            if (heads.size() == 1 && heads.containsKey(MessageLog.DEFAULT_CHAIN)) {
                return "head " + heads.values().iterator().next();
            }
            StringBuilder text = new StringBuilder("heads");
            heads.forEach((chain, hash) -> text.append(' ').append(chain).append('=').append(hash));
            return text.toString();
        }
    }

    /** {@code qaqpa log show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print the rows of one exchange (all rows with its sessionId), oldest first:",
                    "time, kind, channel, sender, service, messageId, status, errorCode, size and SHA-256."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:printed", "1:no row has this sessionId", "2:bad configuration or usage",
                    "3:the database could not be read"})
    static final class Show implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        DatabaseOptions database;

        @Option(names = "--session", required = true, paramLabel = "ID",
                description = "The gateway's sessionId of the exchange, e.g. {3c3ba84d-6b6a-4b5d-b3b4-90b1b8f00f2d}.")
        String sessionId;

        @Option(names = "--bodies", description = "Also print each stored envelope (decoded as UTF-8) after its row.")
        boolean bodies;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Database db = database.open(err)) {
                try {
                    MessageLogReader reader = new MessageLogReader(db.dataSource());
                    List<LoggedRow> rows = reader.exchange(sessionId);
                    if (rows.isEmpty()) {
                        err.println("no message-log row has sessionId " + sessionId);
                        return FOUND_A_PROBLEM;
                    }
                    for (LoggedRow row : rows) {
                        out.println(line(row));
                        if (bodies) {
                            out.println(reader.body(row.id())
                                    .map(body -> new String(body, StandardCharsets.UTF_8))
                                    .orElse("(no stored envelope: log.store is metadata, or retention deleted it)"));
                        }
                    }
                    return OK;
                } catch (SQLException e) {
                    return database.report(e, db, err);
                }
            } catch (Failure f) {
                return f.exitCode;
            }
        }

        static String line(LoggedRow row) {
            String sender = "sender=" + orDash(row.senderId())
                    + (row.originalSenderId() == null ? "" : "  originalSender=" + row.originalSenderId());
            return String.join("  ", row.loggedAt().toString(), row.kind().name(), row.channel().name(),
                    sender, "service=" + orDash(row.serviceId()),
                    "messageId=" + orDash(row.messageId()), "status=" + row.status(),
                    "errorCode=" + orDash(row.errorCode()), "size=" + row.sizeBytes(), "sha256=" + row.bodySha256());
        }

        private static String orDash(String value) {
            return value == null ? "-" : value;
        }
    }

    /**
     * {@code qaqpa log trace}: one exchange across gateway nodes. A sessionId set by the first gateway is kept by
     * every node it crosses (docs/regional.md), so each node's log has the exchange under it; this joins them.
     * Each node's database is read from its data directory, as {@code log show} does (through the node's
     * local-only H2 server while it runs): no endpoint serves a node's log over the network.
     */
    @Command(name = "trace", mixinStandardHelpOptions = true,
            description = {"Print the rows of one exchange from the message logs of several gateway nodes (a regional",
                    "node and the national one) as one timeline, oldest first, each row prefixed with its node.",
                    "Each node's log is the H2 database in its data directory; the nodes' clocks order the rows."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:printed", "1:no node has a row with this sessionId", "2:usage",
                    "3:a node's database could not be read"})
    static final class Trace implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "SESSION",
                description = "The sessionId of the exchange, e.g. {3c3ba84d-6b6a-4b5d-b3b4-90b1b8f00f2d}.")
        String sessionId;

        @Option(names = "--data", paramLabel = "DIR", required = true,
                description = "A node's data directory (repeat it for each node, e.g. --data data --data data-regional).")
        List<Path> dataDirs;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<TracedRow> timeline = new ArrayList<>();
            for (Path dir : dataDirs) {
                try (Database db = Database.openExisting(GatewayConfig.defaults().database(), dir)) {
                    for (LoggedRow row : new MessageLogReader(db.dataSource()).exchange(sessionId)) {
                        timeline.add(new TracedRow(dir.toString(), row));
                    }
                } catch (SQLException e) {
                    err.println("cannot read the message log of " + dir + ": "
                            + (e.getErrorCode() == DatabaseOptions.H2_DATABASE_NOT_FOUND
                                    ? "no database in " + dir.toAbsolutePath().normalize().resolve("db") : e.getMessage()));
                    return DATABASE_ERROR;
                }
            }
            if (timeline.isEmpty()) {
                err.println("no node has a message-log row with sessionId " + sessionId);
                return FOUND_A_PROBLEM;
            }
            timeline.sort(Comparator.comparing((TracedRow traced) -> traced.row().loggedAt()));
            int width = timeline.stream().mapToInt(traced -> traced.node().length()).max().orElse(0);
            for (TracedRow traced : timeline) {
                out.println(String.format("%-" + width + "s", traced.node()) + "  " + Show.line(traced.row()));
            }
            return OK;
        }

        /** A row and the node (data directory) whose log holds it. */
        private record TracedRow(String node, LoggedRow row) {
        }
    }

    /** {@code qaqpa log archive}. */
    @Command(name = "archive", mixinStandardHelpOptions = true,
            description = {"Move the rows logged before a date out of the database into chunk files under --to, chain by",
                    "chain, oldest first (each chain's newest row stays); `log verify` still verifies the chain, and",
                    "`log verify --archive DIR` checks the files too. Stored envelopes of archived rows are deleted."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:archived (or nothing to archive)", "2:bad configuration or usage",
                    "3:the database could not be read or written, or a file not written"})
    static final class Archive implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        DatabaseOptions database;

        @Option(names = "--before", required = true, paramLabel = "WHEN",
                description = "Archive rows logged before this: a date (2026-09-01, midnight UTC) or an instant (2026-09-01T06:00:00Z).")
        String before;

        @Option(names = "--to", required = true, paramLabel = "DIR",
                description = "Directory of the chunk files (CHAIN/FIRST-LAST.log); keep it as safe as a backup.")
        Path archiveDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Instant cutoff;
            try {
                cutoff = before.contains("T") ? Instant.parse(before)
                        : LocalDate.parse(before).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                err.println("--before must be a date (2026-09-01) or an instant (2026-09-01T06:00:00Z), got '" + before + "'");
                return USAGE;
            }
            try (Database db = database.open(err)) {
                List<ArchiveChunk> chunks;
                try {
                    chunks = new LogArchiver(db.dataSource(), archiveDir, Clock.systemUTC())
                            .archiveBefore(cutoff);
                } catch (SQLException e) {
                    return database.report(e, db, err);
                } catch (IOException e) {
                    err.println("cannot write the archive in " + archiveDir + ": " + e);
                    return DATABASE_ERROR;
                }
                for (ArchiveChunk chunk : chunks) {
                    out.println("archived chain '" + chunk.chainId() + "' positions " + chunk.firstPosition() + " to "
                            + chunk.lastPosition() + " (logged " + chunk.firstLoggedAt() + " to " + chunk.lastLoggedAt()
                            + ") to " + archiveDir.resolve(chunk.chunkName()));
                }
                long rows = chunks.stream().mapToLong(c -> c.lastPosition() - c.firstPosition() + 1).sum();
                out.println("log archive: " + rows + " rows in " + chunks.size() + " chunks");
                return OK;
            } catch (Failure f) {
                return f.exitCode;
            }
        }
    }
}
