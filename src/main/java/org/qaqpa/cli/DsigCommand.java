package org.qaqpa.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.xml.namespace.QName;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.VerifiedSignature;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.dsig.XmlSignatureVerifier.Mode;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.RevocationMode;
import org.qaqpa.security.pki.TrustMaterial;
import org.qaqpa.xml.XmlBytes;
import org.qaqpa.security.pki.ValidatedSigner;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qaqpa dsig}: sign and verify XML signatures offline, like {@code xmlsec1}, with the gateway's own code. */
@Command(name = "dsig", mixinStandardHelpOptions = true,
        description = "Sign and verify XML signatures (WS-Security transport and enveloped business signatures), offline.",
        subcommands = {DsigCommand.Sign.class, DsigCommand.Verify.class})
public final class DsigCommand implements Runnable {

    /** Files up to this size are read; bigger than any SOAP request the gateway accepts. */
    static final long MAX_DOCUMENT_BYTES = 64L * 1024 * 1024;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static Document read(Path file) throws IOException {
        XmlLimits defaults = XmlLimits.defaults();
        SecureDocuments documents = new SecureDocuments(new XmlLimits(MAX_DOCUMENT_BYTES, defaults.maxDepth(),
                defaults.maxAttributes(), defaults.maxAttributeSize(), defaults.maxChildren(), defaults.maxElements()));
        try (InputStream in = Files.newInputStream(file)) {
            return documents.parse(in);
        }
    }

    /** {@code qaqpa dsig sign}. */
    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = {"Sign IN: a SOAP 1.1 envelope with a WS-Security signature over its Body (--mode wss),",
                    "or any document with an enveloped signature over the whole of it (--mode enveloped)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:signed", "3:usage or I/O error (unreadable key, wrong password, bad input)"})
    static final class Sign implements Callable<Integer> {

        @Parameters(paramLabel = "IN", description = "The XML file to sign.")
        Path in;

        @Option(names = "--key", required = true, paramLabel = "P12", description = "PKCS#12 keystore with the signing key and certificate.")
        Path keystore;

        @Option(names = "--pass-env", paramLabel = "VAR", defaultValue = "QAQPA_KEY_PASSWORD",
                description = "Environment variable holding the keystore password (default: ${DEFAULT-VALUE}).")
        String passEnv;

        @Option(names = "--mode", paramLabel = "wss|enveloped",
                description = "wss for a SOAP envelope, enveloped otherwise (default: by the document).")
        String mode;

        @Option(names = "--key-info", paramLabel = "FORM", defaultValue = "both",
                description = "wss only: how KeyInfo names the certificate: keyidentifier (SHEP reference form), x509data (as xmlsec1 reads), or both (default).")
        String keyInfo;

        @Option(names = "--out", paramLabel = "OUT", description = "Where to write the signed document (default: standard output).")
        Path out;

        @Override
        public Integer call() {
            try {
                IssuedCertificate key = privateKey(keystore, passEnv);
                Document document = read(in);
                XmlSigner signer = new XmlSigner(key.privateKey(), key.certificate());
                if (modeOf(mode, document) == Mode.WSS) {
                    signer.signTransport(document, XmlSigner.KeyInfoForm.valueOf(keyInfoForm(keyInfo)));
                } else {
                    signer.signEnveloped(document);
                }
                write(document, out);
                return 0;
            } catch (QaqpaFault f) {
                System.err.println("cannot sign: " + f.code() + ": " + f.getMessage());
                return 3;
            } catch (UsageException | IOException e) {
                System.err.println("cannot sign: " + e.getMessage());
                return 3;
            }
        }
    }

    /** {@code qaqpa dsig verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify the signature of IN and its signer's certificate: the WS-Security signature",
                    "of a SOAP envelope (which must cover its Body) or the enveloped signature of a document."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:valid", "1:cryptographically invalid (changed content or signature value)",
                    "2:refused by policy or trust (algorithm, coverage, certificate)", "3:usage or I/O error"})
    static final class Verify implements Callable<Integer> {

        @Parameters(paramLabel = "IN", description = "The signed XML file.")
        Path in;

        @Option(names = "--trust", paramLabel = "PEM", required = true, description = "Trust anchor certificate(s) (repeatable).")
        List<Path> trust = new ArrayList<>();

        @Option(names = "--untrusted", paramLabel = "PEM", description = "Intermediate certificates that may complete a path (repeatable).")
        List<Path> untrusted = new ArrayList<>();

        @Option(names = "--crl", paramLabel = "FILE", description = "CRLs (PEM or DER, repeatable); given any, revocation is checked and required.")
        List<Path> crls = new ArrayList<>();

        @Option(names = "--cert", paramLabel = "PEM", description = "Certificate(s) a signature may name by issuer and serial only (repeatable).")
        List<Path> known = new ArrayList<>();

        @Option(names = "--at", paramLabel = "ISO-8601", description = "Check the certificate at this instant (default: now), e.g. 2026-11-23T10:00:00Z.")
        String at;

        @Option(names = "--id-attr", paramLabel = "NAME",
                description = "Extra ID attribute names, as local name or {namespace}local (wsu:Id, Id and ID are always IDs).")
        List<String> idAttributes = new ArrayList<>();

        @Option(names = "--policy", paramLabel = "strict|interop", defaultValue = "strict",
                description = "strict (default): the gateway's algorithm and key-usage policy; interop: plain XMLDSig (still no external references).")
        String policy;

        @Option(names = "--mode", paramLabel = "wss|enveloped", description = "Which signature to verify (default: by the document).")
        String mode;

        @Option(names = "--json", description = "Print the result as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            VerificationReport report = verify();
            System.out.println(json ? report.toJson() : report.toText());
            return report.exitCode();
        }

        private VerificationReport verify() {
            try {
                boolean strict = switch (policy) {
                    case "strict" -> true;
                    case "interop" -> false;
                    default -> throw new UsageException("--policy must be strict or interop, got '" + policy + "'");
                };
                Instant instant = at == null ? Instant.now() : parseInstant(at);
                Document document = read(in);
                Mode signatureMode = modeOf(mode, document);
                List<QName> ids = new ArrayList<>(XmlSignatureVerifier.defaultIdAttributes());
                idAttributes.forEach(name -> ids.add(QName.valueOf(name)));
                XmlSignatureVerifier verifier = new XmlSignatureVerifier(new AlgorithmTable(false), strict, ids, certificates(known));
                TrustMaterial material = new TrustMaterial(certificates(trust), certificates(untrusted), readCrls(crls),
                        crls.isEmpty() ? RevocationMode.OFF : RevocationMode.CRL);
                CertificateValidator.Purpose purpose = !strict ? CertificateValidator.Purpose.ANY
                        : signatureMode == Mode.WSS ? CertificateValidator.Purpose.TRANSPORT : CertificateValidator.Purpose.BUSINESS;
                CertificateValidator validator = new CertificateValidator(material);
                ValidatedSigner[] signer = new ValidatedSigner[1];
                // As in the gateway: the certificate is checked before any digest or signature is computed.
                VerifiedSignature signature = verifier.verify(document, signatureMode,
                        (certificate, presented) -> signer[0] = validator.validate(certificate, presented, instant, purpose));
                return VerificationReport.valid(signature, signer[0]);
            } catch (QaqpaFault f) {
                return VerificationReport.refused(f);
            } catch (UsageException | IOException | IllegalArgumentException e) {
                return VerificationReport.error(e.getMessage());
            }
        }
    }

    static Mode modeOf(String mode, Document document) throws UsageException {
        if (mode == null) {
            return Mode.of(document);
        }
        return switch (mode) {
            case "wss" -> Mode.WSS;
            case "enveloped" -> Mode.ENVELOPED;
            default -> throw new UsageException("--mode must be wss or enveloped, got '" + mode + "'");
        };
    }

    private static String keyInfoForm(String form) throws UsageException {
        return switch (form) {
            case "keyidentifier" -> "KEY_IDENTIFIER";
            case "x509data" -> "X509_DATA";
            case "both" -> "BOTH";
            default -> throw new UsageException("--key-info must be keyidentifier, x509data or both, got '" + form + "'");
        };
    }

    /** The first key of a PKCS#12 keystore, RSA or GOST (read as the gateway reads its own key). */
    static IssuedCertificate privateKey(Path p12, String passEnv) throws UsageException {
        String password = System.getenv(passEnv);
        if (password == null) {
            throw new UsageException("the environment variable " + passEnv + " (--pass-env) is not set");
        }
        try {
            return IssuedCertificate.readPkcs12(p12, password.toCharArray());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UsageException("cannot open " + p12 + ": " + e.getCause().getMessage());
        }
    }

    private static List<X509Certificate> certificates(List<Path> files) {
        List<X509Certificate> all = new ArrayList<>();
        files.forEach(file -> all.addAll(TrustMaterial.readCertificates(file)));
        return all;
    }

    private static List<java.security.cert.X509CRL> readCrls(List<Path> files) {
        return files.stream().map(TrustMaterial::readCrl).toList();
    }

    private static Instant parseInstant(String text) throws UsageException {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("--at must be an ISO-8601 date-time with offset, e.g. 2026-11-23T10:00:00Z, got '" + text + "'");
        }
    }

    static void write(Document document, Path out) throws IOException {
        if (out == null) {
            serialize(document, System.out);
            return;
        }
        try (OutputStream stream = Files.newOutputStream(out)) {
            serialize(document, stream);
        }
    }

    /** Writes the DOM as it is: no indentation, which would change the signed content. */
    private static void serialize(Document document, OutputStream stream) throws IOException {
        XmlBytes.write(document, stream);
    }

    /** A mistake in the command line or its files: exit code 3 with one line. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
