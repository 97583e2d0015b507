package org.qaqpa.registry;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks passwords against {@link PasswordHash}es so that the slow key derivation runs about once per
 * member and password, not once per request: a successful check is remembered, keyed by an HMAC of
 * the stored hash and the password under a key made at random when the gateway starts.
 *
 * <p>The trade-off: 200 clients × 50 requests on 2 cores cannot afford 0.2 s of PBKDF2 each, and a
 * cheaper hash would make a stolen {@code members.yaml} cheap to crack. With the cache, a guess still
 * costs the full derivation (failures are never remembered), and concurrent checks of the same
 * password share one derivation, so a burst of new connections costs one, not hundreds. What the
 * cache costs: the gateway's memory holds, per member, an HMAC of a correct password — useless
 * without the process's random key, which also lives only in memory, so a heap dump lets an attacker
 * test guesses at HMAC speed instead of PBKDF2 speed. A changed hash in {@code members.yaml} is a new
 * key, so a password change takes effect at the next reload.
 */
final class PasswordVerifier {

    /** Bounds memory: a registry has far fewer members; past this the cache starts over. */
    private static final int MAX_REMEMBERED = 10_000;

    private final byte[] cacheKey = new byte[32];
    private final Map<String, Boolean> remembered = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    PasswordVerifier() {
        new SecureRandom().nextBytes(cacheKey);
    }

    /** Whether {@code password} matches {@code hash}; a null password never does (after the same work as any other). */
    boolean matches(PasswordHash hash, String password) {
        char[] chars = password == null ? new char[0] : password.toCharArray();
        try {
            return derivedMatch(hash, chars) && password != null;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private boolean derivedMatch(PasswordHash hash, char[] password) {
        String key = cacheKey(hash, password);
        if (remembered.containsKey(key)) {
            return true;
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.join();
        }
        try {
            boolean matches = hash.matches(password);
            if (matches) {
                if (remembered.size() >= MAX_REMEMBERED) {
                    remembered.clear();
                }
                remembered.put(key, Boolean.TRUE);
            }
            mine.complete(matches);
            return matches;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private String cacheKey(PasswordHash hash, char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            Mac mac = macs.get();
            mac.update(hash.encoded().getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            mac.update(bytes);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } finally {
            Arrays.fill(bytes.array(), (byte) 0);
        }
    }

    /** A MAC under {@link #cacheKey}; made once per thread, since a provider lookup per request cost 2-3 % of its CPU. */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
