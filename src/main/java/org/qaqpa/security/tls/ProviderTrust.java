package org.qaqpa.security.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.qaqpa.config.GatewayConfig;

/**
 * The TLS context of the gateway's calls to {@code https://} providers, recipients and upstream nodes
 * ({@code routing.tls.*}): trusting the certificates of the configured truststore, else the JDK's trust store.
 * Host names are verified by the HTTP client itself (the JDK client always does for HTTPS).
 */
public final class ProviderTrust {

    private ProviderTrust() {
    }

    /** The context for {@code routing.tls}; the JDK's default one when no truststore is configured. */
    public static SSLContext context(GatewayConfig.ProviderTls tls, Function<String, String> environment) {
        try {
            if (tls.truststore().isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = new KeyStoreFile("routing.tls.truststore", Path.of(tls.truststore().get()),
                    tls.truststorePasswordEnv()).loadTrust(environment);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("routing.tls: cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
