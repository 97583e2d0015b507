package org.qaqpa.security.dsig;

import java.lang.reflect.InvocationTargetException;
import java.security.Provider;
import java.util.List;
import java.util.Objects;
import org.qaqpa.security.pki.BouncyCastle;

/**
 * The JCE provider that computes GOST R 34.10-2015 signatures and GOST R 34.11-2015 (Streebog)
 * digests for XML signatures, with the names it knows them by: Bouncy Castle by default, or the
 * class named in {@code security.jce-provider} (e.g. the NCA's KalkanCrypt), without code changes.
 * Which names a provider uses is found from what it offers, so any provider with Bouncy Castle's or
 * Kalkan's names works. One per process, like Santuario's algorithm registry it serves.
 */
public final class GostProvider {

    /** The JCE names of the four GOST algorithms in one provider's vocabulary. */
    record Names(String signature256, String signature512, String digest256, String digest512) {
    }

    /** Bouncy Castle calls GOST R 34.10-2015 by its Russian twin's name, GOST R 34.10-2012 (the same algorithm). */
    static final Names BOUNCY_CASTLE = new Names("ECGOST3410-2012-256", "ECGOST3410-2012-512",
            "GOST3411-2012-256", "GOST3411-2012-512");
    /** KalkanCrypt ({@code kz.gov.pki.kalkan.jce.provider.KalkanProvider}), as in pkigovkz's own mapping. */
    static final Names KALKAN = new Names("ECGOST3410-2015-256", "ECGOST3410-2015-512",
            "GOST3411-2015-256", "GOST3411-2015-512");
    private static final List<Names> KNOWN = List.of(BOUNCY_CASTLE, KALKAN);

    private static volatile GostProvider current;

    private final Provider provider;
    private final Names names;

    private GostProvider(Provider provider, Names names) {
        this.provider = provider;
        this.names = names;
    }

    /** Bouncy Castle (the shared instance, never registered globally). */
    public static GostProvider bouncyCastle() {
        return new GostProvider(BouncyCastle.PROVIDER, BOUNCY_CASTLE);
    }

    /**
     * An instance of the provider class {@code className}, made with its public no-argument constructor.
     *
     * @throws IllegalArgumentException with a one-line reason: the class is missing, is not a
     *         {@link Provider}, cannot be made, or offers none of the known GOST algorithm names
     */
    public static GostProvider load(String className) {
        Class<?> type = providerClass(className);
        Provider provider;
        try {
            provider = (Provider) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " has no public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(className + " failed to start: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(className + " cannot be instantiated: " + e);
        }
        return of(provider);
    }

    /**
     * The class named, checked to be a {@link Provider} without running its static initialiser, so
     * a configuration check costs nothing.
     *
     * @throws IllegalArgumentException "class NAME, which is not on the class path" or "…, which is not a java.security.Provider"
     */
    public static Class<?> providerClass(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, GostProvider.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("class " + className + ", which is not on the class path");
        }
        if (!Provider.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("class " + className + ", which is not a java.security.Provider");
        }
        return type;
    }

    /** {@code provider} with the first known vocabulary whose GOST signature it offers. */
    static GostProvider of(Provider provider) {
        for (Names names : KNOWN) {
            if (provider.getService("Signature", names.signature512()) != null
                    && provider.getService("MessageDigest", names.digest512()) != null) {
                return new GostProvider(provider, names);
            }
        }
        throw new IllegalArgumentException("provider " + provider.getName() + " offers no GOST R 34.10-2015 signature under a known name ("
                + BOUNCY_CASTLE.signature512() + ", " + KALKAN.signature512() + ")");
    }

    /** Makes {@code gost} the provider of every GOST signature and digest from now on, in this process. */
    public static void use(GostProvider gost) {
        current = Objects.requireNonNull(gost, "gost");
    }

    /** The provider in use: the last one {@link #use}d, else Bouncy Castle. */
    static GostProvider current() {
        GostProvider gost = current;
        if (gost == null) {
            gost = bouncyCastle();
            current = gost;
        }
        return gost;
    }

    public Provider provider() {
        return provider;
    }

    Names names() {
        return names;
    }

    /** Provider name and class, for logs. */
    @Override
    public String toString() {
        return provider.getName() + " (" + provider.getClass().getName() + ")";
    }
}
