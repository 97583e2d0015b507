package org.qaqpa.registry;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A member's password as stored in {@code members.yaml}: PBKDF2-HMAC-SHA256 (RFC 8018) with a random
 * salt, written self-describing as {@code $pbkdf2-sha256$i=ITERATIONS$SALT$HASH} (salt and hash in
 * unpadded base64, as in the PHC string format), so that the cost can be raised later without
 * invalidating hashes made before.
 *
 * <p>PBKDF2 rather than Argon2: the gateway verifies passwords on request threads, and a memory-hard
 * function would need tens of MiB per concurrent verification; with {@link PasswordVerifier}'s cache the
 * slow function runs about once per member and password, so its cost is paid by guessers, not by traffic.
 * The JDK's implementation is used because it computes SHA-256 with the CPU's instructions where there
 * are any: a defender as fast as the attacker's hardware allows keeps the attacker's advantage small.
 */
public final class PasswordHash {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; about 0.2 s of one core here. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Hashes weaker than this are refused in {@code members.yaml}: they would make a stolen file cheap to crack. */
    public static final int MIN_ITERATIONS = 100_000;
    /** Beyond this a single login would stall a request thread for minutes. */
    static final int MAX_ITERATIONS = 10_000_000;

    private static final String PREFIX = "$pbkdf2-sha256$";
    private static final Pattern FORMAT = Pattern.compile(
            "\\$pbkdf2-sha256\\$i=([1-9][0-9]{0,8})\\$([A-Za-z0-9+/]{22,88})\\$([A-Za-z0-9+/]{43})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a fresh random salt and {@link #DEFAULT_ITERATIONS}. */
    public static PasswordHash create(char[] password) {
        return create(password, DEFAULT_ITERATIONS);
    }

    /** Hashes {@code password} with a fresh random salt and the given cost (tests use a lower one). */
    public static PasswordHash create(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, pbkdf2(password, salt, iterations));
    }

    /**
     * Reads an encoded hash; empty if it is not {@code $pbkdf2-sha256$i=N$SALT$HASH} with a salt of
     * 16 to 64 bytes and a 32-byte hash. The iteration count is not checked here, see {@link #iterations()}.
     */
    public static Optional<PasswordHash> parse(String encoded) {
        Matcher m = FORMAT.matcher(encoded);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            byte[] salt = base64.decode(m.group(2));
            byte[] hash = base64.decode(m.group(3));
            if (salt.length < SALT_BYTES || salt.length > 64 || hash.length != HASH_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new PasswordHash(Integer.parseInt(m.group(1)), salt, hash));
        } catch (IllegalArgumentException badBase64) {
            return Optional.empty();
        }
    }

    /** A hash no password matches, as costly to check as a real one: what unknown senders are checked against. */
    static PasswordHash unmatchable() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BYTES];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(hash);
        return new PasswordHash(DEFAULT_ITERATIONS, salt, hash);
    }

    /** Runs the full key derivation and compares in constant time. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations));
    }

    public int iterations() {
        return iterations;
    }

    /** The self-describing text form, as written to {@code members.yaml}. */
    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "i=" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /** A shape of the format for error messages. */
    static String format() {
        return "a password hash '$pbkdf2-sha256$i=ITERATIONS$SALT$HASH' as printed by 'qaqpa member hash-password'";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    /** Never shows the hash itself: it is a secret that can be attacked offline. */
    @Override
    public String toString() {
        return "PasswordHash[pbkdf2-sha256, i=" + iterations + "]";
    }

    /** PBKDF2 with HMAC-SHA256; the JDK's provider encodes the password as UTF-8. */
    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
