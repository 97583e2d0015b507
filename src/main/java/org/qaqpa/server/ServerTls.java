package org.qaqpa.server;

import java.nio.file.Path;
import java.util.function.Function;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.tls.KeyStoreFile;

/**
 * Jetty's TLS settings for a listener from {@code server.tls.*}: the server key from the PKCS#12 keystore (its
 * password from the environment), TLSv1.3/TLSv1.2 only, and client certificates asked for ({@code want}) or
 * required ({@code need}) and checked against the truststore during the handshake. Which member a trusted
 * client certificate belongs to is decided later, per request ({@code registry.MemberAuthenticator}).
 */
final class ServerTls {

    private ServerTls() {
    }

    /**
     * @throws org.qaqpa.config.ConfigException naming the key whose file or password is wrong
     */
    static SslContextFactory.Server contextFactory(GatewayConfig.Tls tls, Function<String, String> environment) {
        KeyStoreFile keystore = new KeyStoreFile("server.tls.keystore", Path.of(tls.keystore().orElseThrow()),
                tls.keystorePasswordEnv());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keystore.loadKeys(environment));
        ssl.setKeyStorePassword(new String(keystore.password(environment)));
        ssl.setIncludeProtocols(tls.protocols().toArray(String[]::new));
        // The client's host name means nothing to a server; client certificates are bound to members instead.
        ssl.setEndpointIdentificationAlgorithm(null);
        if (tls.asksClientCertificate()) {
            ssl.setTrustStore(new KeyStoreFile("server.tls.truststore", Path.of(tls.truststore().orElseThrow()),
                    tls.truststorePasswordEnv()).loadTrust(environment));
            ssl.setNeedClientAuth(GatewayConfig.Tls.CLIENT_AUTH_NEED.equals(tls.clientAuth()));
            ssl.setWantClientAuth(GatewayConfig.Tls.CLIENT_AUTH_WANT.equals(tls.clientAuth()));
        }
        return ssl;
    }
}
