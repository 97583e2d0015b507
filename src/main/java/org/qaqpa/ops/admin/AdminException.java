package org.qaqpa.ops.admin;

import java.util.Optional;

/**
 * A refused or failed admin request, answered as {@code {"error":CODE,"message":…,"field":…}} with its HTTP status
 * (docs/admin-api.md lists the codes).
 */
final class AdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String UNAUTHORIZED = "UNAUTHORIZED";
    static final String BAD_REQUEST = "BAD_REQUEST";
    static final String INVALID_DEFINITION = "INVALID_DEFINITION";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String CONFLICT = "CONFLICT";
    static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    static final String BROKER_UNAVAILABLE = "BROKER_UNAVAILABLE";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private final int status;
    private final String code;
    private final String field;

    AdminException(int status, String code, String message) {
        this(status, code, message, null);
    }

    AdminException(int status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static AdminException badRequest(String field, String message) {
        return new AdminException(400, BAD_REQUEST, message, field);
    }

    static AdminException notFound(String message) {
        return new AdminException(404, NOT_FOUND, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The request field or definition key at fault, when one is. */
    Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
