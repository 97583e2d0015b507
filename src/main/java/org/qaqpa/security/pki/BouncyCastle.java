package org.qaqpa.security.pki;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider instance this package passes explicitly to JCA calls. It is never
 * registered with {@code Security.addProvider}: a global registration would change which provider
 * other libraries (CXF, Santuario, Jetty's TLS) pick for their own algorithms.
 */
public final class BouncyCastle {

    /** One instance: building a provider registers hundreds of algorithms and takes a noticeable time. */
    public static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
