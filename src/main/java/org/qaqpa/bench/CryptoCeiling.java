package org.qaqpa.bench;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw crypto ceiling of a scenario on this machine: how many times per second all cores can do the
 * RSA-2048 SHA-256 signatures and verifications one message costs, through {@code java.security.Signature}
 * alone (no XML, canonicalisation, HTTP or storage). The gateway's and the sandbox's development keys are
 * RSA-2048, so no figure of the gateway can exceed this one: it says how far from the physical limit a
 * measured rate is, and whether a target is reachable with these keys at all.
 */
final class CryptoCeiling {

    /** One signature per request or answer a message crosses, and one verification for each that is checked. */
    record Work(int signs, int verifies) {
    }

    private static final int DIGEST_INPUT = 2048;

    private CryptoCeiling() {
    }

    /** Messages per second the {@code work} of each allows, with one worker per core, after {@code warmup}. */
    static double perSecond(Work work, int cores, Duration warmup, Duration length) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        byte[] data = new byte[DIGEST_INPUT];
        ThreadLocalRandom.current().nextBytes(data);
        ThreadLocal<Signature> signer = ThreadLocal.withInitial(() -> instance());
        ThreadLocal<Signature> verifier = ThreadLocal.withInitial(() -> instance());
        ClosedLoop.Call message = () -> {
            byte[] signature = null;
            for (int i = 0; i < work.signs(); i++) {
                Signature sign = signer.get();
                sign.initSign(keys.getPrivate());
                sign.update(data);
                signature = sign.sign();
            }
            for (int i = 0; i < work.verifies(); i++) {
                Signature verify = verifier.get();
                verify.initVerify(keys.getPublic());
                verify.update(data);
                if (!verify.verify(signature)) {
                    throw new IllegalStateException("a signature just made does not verify");
                }
            }
            return ClosedLoop.Outcome.ACCEPTED;
        };
        ClosedLoop.run(cores, warmup, message);
        return ClosedLoop.run(cores, length, message).perSecond();
    }

    /** Puts the machine's figures every report carries: the cores measured on and the JVM. */
    static BenchReport describeMachine(BenchReport report, int cores) {
        return report.put("cores", cores)
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    private static Signature instance() {
        try {
            return Signature.getInstance("SHA256withRSA");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA256withRSA", e);
        }
    }
}
