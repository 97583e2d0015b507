package org.qaqpa.server;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

    /**
     * The end-entity certificate of every key entry of {@code keystore}: what the listener presents, for
     * {@code qaqpa_certificate_expiry_days{role="tls_server"}}. The keystore is read once, at the start; a renewed
     * certificate is served (and shown) after a restart.
     */
    static List<X509Certificate> certificates(KeyStore keystore) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (String alias : Collections.list(keystore.aliases())) {
                if (keystore.isKeyEntry(alias) && keystore.getCertificate(alias) instanceof X509Certificate certificate) {
                    certificates.add(certificate);
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("server.tls.keystore could not be read after it was loaded", e);
        }
        return List.copyOf(certificates);
    }
}
