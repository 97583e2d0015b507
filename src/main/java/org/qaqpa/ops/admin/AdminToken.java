package org.qaqpa.ops.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The bearer token of the admin API, checked in constant time: both sides are hashed (SHA-256) and the digests
 * compared with {@link MessageDigest#isEqual}, so neither the content nor the length of the configured token
 * shows in the time a wrong one takes.
 */
public final class AdminToken {

    /** Shorter tokens are refused: the admin API changes who may call the gateway. */
    public static final int MIN_LENGTH = 16;
    private static final String SCHEME = "Bearer ";

    private final byte[] digest;

    private AdminToken(String token) {
        this.digest = sha256(token);
    }

    /**
     * The token in {@code value} (the environment variable's content), or why there is none usable: unset, blank,
     * or shorter than {@value #MIN_LENGTH} characters.
     */
    public static Optional<AdminToken> of(String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new AdminToken(value.strip()));
    }

    /** Whether an {@code Authorization} header carries this token as {@code Bearer <token>}. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[hidden]";
    }
}
