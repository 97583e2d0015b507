package org.qaqpa.security.dsig;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.qaqpa.security.pki.BouncyCastle;

/**
 * A JCE provider of another name that offers Bouncy Castle's GOST algorithms and counts every
 * instance it hands out: named in {@code security.jce-provider}, it shows the class-name plumbing
 * reaches signing, digesting and verifying without code changes (as KalkanCrypt would).
 */
public final class CountingGostProvider extends Provider {

    private static final long serialVersionUID = 1L;
    /** Instances handed out since the class was loaded. */
    public static final AtomicInteger INSTANCES = new AtomicInteger();

    public CountingGostProvider() {
        super("QaqpaCountingGost", "1.0", "Bouncy Castle's GOST algorithms, counted (tests only)");
        offer("Signature", "ECGOST3410-2012-256");
        offer("Signature", "ECGOST3410-2012-512");
        offer("MessageDigest", "GOST3411-2012-256");
        offer("MessageDigest", "GOST3411-2012-512");
        offer("KeyFactory", "ECGOST3410-2012");
    }

    private void offer(String type, String algorithm) {
        Provider.Service bouncyCastle = BouncyCastle.PROVIDER.getService(type, algorithm);
        putService(new Provider.Service(this, type, algorithm, bouncyCastle.getClassName(), List.of(), Map.of()) {
            @Override
            public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                INSTANCES.incrementAndGet();
                return bouncyCastle.newInstance(parameter);
            }
        });
    }
}
