package org.qaqpa.config;

import java.util.OptionalInt;

/**
 * A configuration file that cannot be used, with a one-line message {@code file:line: problem}.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    /** A problem at a line of the file (1-based). */
    public ConfigException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** A problem with the file as a whole (missing, too large, unreadable). */
    public ConfigException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.line = 0;
        this.problem = problem;
    }

    /** The file as it was named to the loader. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, empty when it concerns the whole file. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** The message without the {@code file:line: } prefix. */
    public String problem() {
        return problem;
    }
}
