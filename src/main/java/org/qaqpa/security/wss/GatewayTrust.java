package org.qaqpa.security.wss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.RevocationMode;
import org.qaqpa.security.pki.TrustMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's trust material from {@code security.*}: the configured trust and CRL directories,
 * or, when no trust directory is configured, a development PKI in {@code <data>/pki} that is
 * created on the first start and trusted from then on (never meant for production).
 */
public final class GatewayTrust {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayTrust.class);
    /** Without the CA key on disk the development CRL cannot be re-issued, so it is issued for long. */
    private static final Duration DEV_CRL_VALIDITY = Duration.ofDays(365);

    private GatewayTrust() {
    }

    /** Relative directories are resolved against the working directory, as every path of qaqpa.yaml. */
    public static TrustMaterial load(GatewayConfig.Security config, Path dataDir, Clock clock) {
        RevocationMode revocation = "off".equals(config.revocation()) ? RevocationMode.OFF : RevocationMode.CRL;
        if (config.trustDir().isPresent()) {
            Path trust = Path.of(config.trustDir().get());
            List<X509CRL> crls = config.crlDir().map(dir -> crls(Path.of(dir))).orElse(List.of());
            return new TrustMaterial(certificates(trust), List.of(), crls, revocation);
        }
        Path dev = dataDir.resolve("pki");
        if (!Files.exists(dev.resolve("root-cert.pem"))) {
            createDevelopmentPki(dev, clock);
        }
        LOG.warn("trusting the development PKI in {} (configure security.trust-dir for production)", dev);
        List<X509Certificate> roots = new ArrayList<>(TrustMaterial.readCertificates(dev.resolve("root-cert.pem")));
        List<X509Certificate> intermediates = new ArrayList<>(TrustMaterial.readCertificates(dev.resolve("inter-cert.pem")));
        List<X509CRL> crls = new ArrayList<>(List.of(TrustMaterial.readCrl(dev.resolve("crl.pem"))));
        // A PKI made before the GOST CAs existed has RSA files only; it stays usable, RSA only.
        if (Files.exists(dev.resolve("gost-root-cert.pem"))) {
            roots.addAll(TrustMaterial.readCertificates(dev.resolve("gost-root-cert.pem")));
            intermediates.addAll(TrustMaterial.readCertificates(dev.resolve("gost-inter-cert.pem")));
            crls.add(TrustMaterial.readCrl(dev.resolve("gost-crl.pem")));
        } else {
            LOG.warn("the development PKI in {} has no GOST CAs; delete it to have it made again with them", dev);
        }
        return new TrustMaterial(roots, intermediates, crls, revocation);
    }

    private static void createDevelopmentPki(Path dir, Clock clock) {
        DevPki.generate(clock).writeTo(dir, DevPki.password(), true, DEV_CRL_VALIDITY);
        LOG.info("created a development PKI in {} (keystores: *.p12, password from {} or '{}')",
                dir, DevPki.PASSWORD_ENV, DevPki.DEVELOPMENT_PASSWORD);
    }

    private static List<X509Certificate> certificates(Path dir) {
        List<X509Certificate> all = new ArrayList<>();
        for (Path file : files(dir, "*.{pem,crt,cer}")) {
            all.addAll(TrustMaterial.readCertificates(file));
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("security.trust-dir " + dir + " holds no certificate (*.pem, *.crt, *.cer)");
        }
        return all;
    }

    private static List<X509CRL> crls(Path dir) {
        return files(dir, "*.{pem,crl}").stream().map(TrustMaterial::readCrl).toList();
    }

    private static List<Path> files(Path dir, String glob) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        files.sort(null);
        return files;
    }
}
