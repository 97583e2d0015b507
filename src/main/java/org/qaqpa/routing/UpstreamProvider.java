package org.qaqpa.routing;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.registry.CertificateBinding;
import org.qaqpa.registry.Provider;
import org.qaqpa.registry.ProviderUrl;
import org.qaqpa.security.pki.TrustMaterial;
import org.qaqpa.server.SoapChannel;

/**
 * A regional node's upstream ({@code federation.upstream.*}) as the provider the sync route forwards to (and the
 * async delivery passes messages on to, at its {@code /bip-async/}): the
 * national gateway's {@code /bip-sync/} (its base address names it too), a gateway node, whose answers must be signed by the configured
 * certificate and/or a certificate with the configured BIN — on the development PKI with neither, by that
 * PKI's gateway certificate. Never unsigned: a regional node requires signatures (ConfigLoader).
 */
public final class UpstreamProvider {

    /** The development PKI's certificate of the national gateway (DevPki writes it). */
    static final String DEV_GATEWAY_CERTIFICATE = "gateway-cert.pem";

    private UpstreamProvider() {
    }

    /**
     * @param devPkiDir the development PKI the node uses, when it uses one (no {@code security.trust-dir})
     * @throws IllegalStateException when the upstream names no certificate and the node runs on production trust
     */
    public static Provider of(GatewayConfig.Upstream upstream, boolean developmentPki, Path devPkiDir) {
        return new Provider(new ProviderUrl(syncChannel(upstream.url())), binding(upstream, developmentPki, devPkiDir),
                upstream.timeout(), true);
    }

    /**
     * The upstream's async channel, where a regional node passes on async messages: the {@code /bip-async/} beside
     * its {@code /bip-sync/} (or of its base address), answers signed as for sync; empty when the configured URL
     * ends otherwise (async messages for services not served here are then refused {@code SERVICE_NOT_FOUND}).
     */
    public static Optional<Provider> async(GatewayConfig.Upstream upstream, boolean developmentPki, Path devPkiDir) {
        return asyncChannel(upstream.url()).map(url -> new Provider(new ProviderUrl(url),
                binding(upstream, developmentPki, devPkiDir), upstream.timeout(), true));
    }

    private static CertificateBinding binding(GatewayConfig.Upstream upstream, boolean developmentPki, Path devPkiDir) {
        CertificateBinding binding;
        if (upstream.certificate().isPresent() || upstream.bin().isPresent()) {
            List<X509Certificate> certificates = upstream.certificate()
                    .map(file -> TrustMaterial.readCertificates(Path.of(file))).orElse(List.of());
            binding = new CertificateBinding(certificates, Optional.empty(), upstream.bin());
        } else if (developmentPki) {
            binding = CertificateBinding.certificates(TrustMaterial.readCertificates(devPkiDir.resolve(DEV_GATEWAY_CERTIFICATE)));
        } else {
            throw new IllegalStateException("federation.upstream needs 'certificate' or 'bin' when security.trust-dir is set");
        }
        return binding;
    }

    /**
     * The national node's sync channel: the URL as configured, or its {@code /bip-sync/} when the URL is the
     * gateway's base address (no path, or {@code /}), as {@code qaqpa run} prints it.
     */
    static String syncChannel(String url) {
        java.net.URI uri = java.net.URI.create(url);
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return uri.resolve(SoapChannel.SYNC.path() + "/").toString();
        }
        return url;
    }

    /** The national node's async channel: the sync channel's address with {@code /bip-async/} for its {@code /bip-sync/}. */
    static Optional<String> asyncChannel(String url) {
        java.net.URI sync = java.net.URI.create(syncChannel(url));
        String path = sync.getRawPath();
        String syncPath = SoapChannel.SYNC.path();
        String base = path.endsWith(syncPath + "/") ? path.substring(0, path.length() - syncPath.length() - 1)
                : path.endsWith(syncPath) ? path.substring(0, path.length() - syncPath.length()) : null;
        return Optional.ofNullable(base).map(b -> sync.resolve(b + SoapChannel.ASYNC.path() + "/").toString());
    }
}
