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
 * A regional node's upstream ({@code federation.upstream.*}) as the provider the sync route forwards to: the
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
        return new Provider(new ProviderUrl(syncChannel(upstream.url())), binding, upstream.timeout(), true);
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
}
