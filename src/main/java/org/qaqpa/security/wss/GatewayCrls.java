package org.qaqpa.security.wss;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qaqpa.security.pki.CrlDistributionPoints;
import org.qaqpa.security.pki.CrlFiles;
import org.qaqpa.security.pki.CrlSource;

/**
 * The CRLs the gateway checks certificates with, as the admin API lists and changes them: the files of the directory
 * CRLs are uploaded to ({@code security.crl-dir} beside {@code security.trust-dir}, or {@code <data>/crls} on the
 * development PKI), the development PKI's own {@code crl.pem} (issued by {@code qaqpa pki revoke}, not removed here),
 * and the CRLs fetched from certificates' distribution points. It is the validator's CRL source itself, so what it
 * lists is what the checks see.
 */
public final class GatewayCrls implements CrlSource {

    /** Where a listed CRL came from. */
    public enum Origin {
        /** A file of the upload directory: uploaded through the admin API or copied in by hand; removable. */
        DIRECTORY("directory"),
        /** The development PKI's own CRL file. */
        DEVELOPMENT_PKI("development-pki"),
        /** Fetched from a certificate's CRL distribution point and kept until its nextUpdate. */
        DISTRIBUTION_POINT("distribution-point");

        private final String shown;

        Origin(String shown) {
            this.shown = shown;
        }

        /** The name the admin API answers with. */
        public String shown() {
            return shown;
        }
    }

    /** One CRL in use: where it came from, its file or address, and the list itself. */
    public record Listed(Origin origin, String location, X509CRL crl) {
    }

    private final Optional<CrlFiles> uploads;
    private final Optional<CrlFiles> developmentPki;
    private final CrlDistributionPoints distributionPoints;
    private final CrlSource all;

    GatewayCrls(Optional<CrlFiles> uploads, Optional<CrlFiles> developmentPki, CrlDistributionPoints distributionPoints) {
        this.uploads = uploads;
        this.developmentPki = developmentPki;
        this.distributionPoints = distributionPoints;
        List<CrlSource> sources = new ArrayList<>();
        uploads.ifPresent(sources::add);
        developmentPki.ifPresent(sources::add);
        sources.add(distributionPoints);
        this.all = CrlSource.allOf(sources);
    }

    @Override
    public List<X509CRL> crlsFor(X509Certificate certificate) {
        return all.crlsFor(certificate);
    }

    /** Every CRL the checks may use now: upload directory, development PKI, then fetched ones. */
    public List<Listed> list() {
        List<Listed> listed = new ArrayList<>();
        uploads.ifPresent(files -> addFiles(listed, Origin.DIRECTORY, files));
        developmentPki.ifPresent(files -> addFiles(listed, Origin.DEVELOPMENT_PKI, files));
        for (Map.Entry<URI, X509CRL> fetched : distributionPoints.fetched().entrySet()) {
            listed.add(new Listed(Origin.DISTRIBUTION_POINT, fetched.getKey().toString(), fetched.getValue()));
        }
        return listed;
    }

    /** The directory CRLs are uploaded to and removed from; empty when there is none (trust-dir without crl-dir). */
    public Optional<Path> uploadDir() {
        return uploads.map(CrlFiles::dir);
    }

    /** Reads the upload directory again now, so that an added or removed file counts from the next check on. */
    public void readAgain() {
        uploads.ifPresent(CrlFiles::readAgain);
    }

    private static void addFiles(List<Listed> listed, Origin origin, CrlFiles files) {
        files.byFile().forEach((file, crl) -> listed.add(new Listed(origin, file.toString(), crl)));
    }
}
