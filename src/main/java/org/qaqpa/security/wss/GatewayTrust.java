package org.qaqpa.security.wss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.CrlDistributionPoints;
import org.qaqpa.security.pki.CrlFiles;
import org.qaqpa.security.pki.DevCaFiles;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.OcspClient;
import org.qaqpa.security.pki.PkiFetches;
import org.qaqpa.security.pki.RevocationChecker;
import org.qaqpa.security.pki.RevocationMode;
import org.qaqpa.security.pki.TrustMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's trust from {@code security.*}: anchors of the configured trust directory, or, when
 * none is configured, of a development PKI in {@code <data>/pki} that is created on the first start
 * and trusted from then on (never meant for production); and the revocation checks of
 * {@code security.revocation} with their sources: OCSP responders, CRL files ({@code security.crl-dir}, or the
 * development PKI's own and {@code <data>/crls}), CRL distribution points ({@link GatewayCrls}).
 */
public final class GatewayTrust {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayTrust.class);
    /** A gateway that keeps its development PKI re-issues the CRL only on {@code pki revoke}, so it is issued for long. */
    public static final Duration DEV_CRL_VALIDITY = Duration.ofDays(365);
    /** CRL files of the development PKI ({@code crl.pem}, later CAs' {@code *-crl.pem}). */
    private static final String DEV_CRL_FILES = "*crl.pem";
    private static final String DEV_PKI_DIR = "pki";
    private static final String ADDED_ANCHORS_DIR = "trust-anchors";
    private static final String ADDED_CRLS_DIR = "crls";

    private GatewayTrust() {
    }

    /** Relative directories are resolved against the working directory, as every path of qaqpa.yaml. */
    public static CertificateValidator validator(GatewayConfig config, Path dataDir, Clock clock) {
        return validator(config, dataDir, clock, PkiFetches.NONE);
    }

    /** Like {@link #validator(GatewayConfig, Path, Clock)}, telling {@code fetches} of every OCSP request and CRL download. */
    public static CertificateValidator validator(GatewayConfig config, Path dataDir, Clock clock, PkiFetches fetches) {
        return build(config, dataDir, clock, fetches).validator();
    }

    /** A certificate validator and the CRLs it uses, which the admin API lists and changes. */
    public record Trust(CertificateValidator validator, GatewayCrls crls) {
    }

    /** The validator of {@link #validator(GatewayConfig, Path, Clock, PkiFetches)} with its CRLs. */
    public static Trust build(GatewayConfig config, Path dataDir, Clock clock, PkiFetches fetches) {
        GatewayConfig.Security security = config.security();
        RevocationMode mode = RevocationMode.fromConfigName(security.revocation()).orElseThrow(
                () -> new IllegalArgumentException("unknown revocation mode " + security.revocation()));
        Optional<CrlFiles> uploads;
        Optional<CrlFiles> developmentCrls = Optional.empty();
        TrustMaterial trust;
        if (security.trustDir().isPresent()) {
            trust = new TrustMaterial(certificates(Path.of(security.trustDir().get())), List.of(), List.of(), mode);
            uploads = security.crlDir().map(dir -> new CrlFiles(Path.of(dir), CrlFiles.ALL_CRL_FILES, clock));
        } else {
            Path dev = developmentPki(config, dataDir, clock);
            List<X509Certificate> roots = developmentRoots(dev);
            List<X509Certificate> intermediates = new ArrayList<>(TrustMaterial.readCertificates(dev.resolve("inter-cert.pem")));
            // A PKI made before the GOST CAs existed has RSA files only; it stays usable, RSA only.
            if (Files.exists(dev.resolve("gost-root-cert.pem"))) {
                intermediates.addAll(TrustMaterial.readCertificates(dev.resolve("gost-inter-cert.pem")));
            } else {
                LOG.warn("the development PKI in {} has no GOST CAs; delete it to have it made again with them", dev);
            }
            roots.addAll(TrustAnchors.read(addedAnchorsDir(dataDir)));
            trust = new TrustMaterial(roots, intermediates, List.of(), mode);
            developmentCrls = Optional.of(new CrlFiles(dev, DEV_CRL_FILES, clock));
            uploads = Optional.of(new CrlFiles(addedCrlsDir(dataDir), CrlFiles.ALL_CRL_FILES, clock));
        }
        GatewayCrls crls = new GatewayCrls(uploads, developmentCrls,
                new CrlDistributionPoints(security.revocationTimeout(), clock, fetches));
        OcspClient ocsp = new OcspClient(security.ocspUrl().map(URI::create), security.revocationTimeout(), clock, fetches);
        LOG.info("revocation: {}{}", mode.configName(), security.ocspUrl().map(url -> " (OCSP responder " + url + ")").orElse(""));
        return new Trust(new CertificateValidator(trust, new RevocationChecker(mode, crls, ocsp)), crls);
    }

    /**
     * The directory of the development PKI, created on the first start in {@code <data>/pki}; one named by
     * {@code security.dev-pki-dir} (another node's) must exist and is never created.
     */
    static Path developmentPki(GatewayConfig config, Path dataDir, Clock clock) {
        Path dev = developmentPkiDir(config, dataDir);
        if (config.security().devPkiDir().isPresent() && !Files.exists(dev.resolve("root-cert.pem"))) {
            throw new IllegalStateException("security.dev-pki-dir names " + dev + ", which holds no development PKI"
                    + " (no root-cert.pem); name the pki/ directory of the national node's data directory");
        }
        if (!Files.exists(dev.resolve("root-cert.pem"))) {
            URI caUrl = URI.create("http://127.0.0.1:" + config.sandbox().port() + "/ca");
            DevPki.generate(clock, config.sandbox().port() == 0 ? DevPki.DEFAULT_CA_URL : caUrl)
                    .writeTo(dev, DevPki.password(), true, DEV_CRL_VALIDITY);
            LOG.info("created a development PKI in {} (keystores: *.p12, password from {} or '{}')",
                    dev, DevPki.PASSWORD_ENV, DevPki.DEVELOPMENT_PASSWORD);
        }
        LOG.warn("trusting the development PKI in {} (configure security.trust-dir for production)", dev);
        return dev;
    }

    /** Whether the gateway runs on the development PKI (and so the sandbox certifying centre may serve it). */
    public static boolean usesDevelopmentPki(GatewayConfig config) {
        return config.security().trustDir().isEmpty();
    }

    /** The development PKI directory of a data directory (see {@link DevCaFiles}). */
    public static Path developmentPkiDir(Path dataDir) {
        return dataDir.resolve(DEV_PKI_DIR);
    }

    /** The development PKI a gateway uses: {@code security.dev-pki-dir} when set, else its data directory's. */
    public static Path developmentPkiDir(GatewayConfig config, Path dataDir) {
        return config.security().devPkiDir().map(Path::of).map(Path::toAbsolutePath)
                .orElseGet(() -> developmentPkiDir(dataDir));
    }

    /**
     * The anchors of {@code validator} as the admin API changes them: the files of {@code security.trust-dir}; on the
     * development PKI, its roots (fixed) and the files of {@code <data>/trust-anchors}.
     */
    public static TrustAnchors anchors(GatewayConfig config, Path dataDir, CertificateValidator validator, Clock clock) {
        if (config.security().trustDir().isPresent()) {
            return new TrustAnchors(List.of(), Path.of(config.security().trustDir().get()), true, validator, clock);
        }
        return new TrustAnchors(developmentRoots(developmentPkiDir(config, dataDir)), addedAnchorsDir(dataDir), false,
                validator, clock);
    }

    /** The development PKI's roots: RSA, and GOST when the PKI has it. */
    private static List<X509Certificate> developmentRoots(Path dev) {
        List<X509Certificate> roots = new ArrayList<>(TrustMaterial.readCertificates(dev.resolve("root-cert.pem")));
        if (Files.exists(dev.resolve("gost-root-cert.pem"))) {
            roots.addAll(TrustMaterial.readCertificates(dev.resolve("gost-root-cert.pem")));
        }
        return roots;
    }

    /** Where anchors added through the admin API are kept when the development PKI is in use. */
    static Path addedAnchorsDir(Path dataDir) {
        return dataDir.resolve(ADDED_ANCHORS_DIR);
    }

    /**
     * Where CRLs uploaded through the admin API are kept when the development PKI is in use (beside its own
     * {@code crl.pem}); created when missing, so that a CRL uploaded later is read.
     */
    static Path addedCrlsDir(Path dataDir) {
        Path dir = dataDir.resolve(ADDED_CRLS_DIR);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the CRL directory " + dir, e);
        }
        return dir;
    }

    private static List<X509Certificate> certificates(Path dir) {
        List<X509Certificate> all = TrustAnchors.read(dir);
        if (all.isEmpty()) {
            throw new IllegalStateException("security.trust-dir " + dir + " holds no certificate (*.pem, *.crt, *.cer)");
        }
        return all;
    }

}
