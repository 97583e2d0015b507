package org.qaqpa.log;

/**
 * The message log could not record an entry (database down, disk full, another writer on the same
 * chain). The exchange must then not go on: a gateway answers only what it has logged.
 */
public final class MessageLogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MessageLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
