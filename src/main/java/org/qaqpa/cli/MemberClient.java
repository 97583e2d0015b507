package org.qaqpa.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.RevocationMode;
import org.qaqpa.security.pki.TrustMaterial;
import org.qaqpa.sandbox.SyncMessages;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import picocli.CommandLine.Option;

/**
 * The member side of the client commands ({@code send}, {@code status}), as a picocli mixin: who the
 * member is (senderId, password, signing key), signing a request in the SHEP reference form, POSTing
 * it, and the development PKI of {@code --data} to check the gateway's answer against.
 */
final class MemberClient {

    /** The dev-client member's password in config/members.yaml, for when no variable holds one. */
    static final String DEVELOPMENT_MEMBER_PASSWORD = "changeit";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--sender", paramLabel = "ID", defaultValue = "dev-client", description = "The member's senderId (default: ${DEFAULT-VALUE}).")
    String senderId;

    @Option(names = "--key", paramLabel = "P12",
            description = "PKCS#12 keystore of the member's signing key (default: DATA/pki/legal.p12); its password is "
                    + DevPki.PASSWORD_ENV + " or '" + DevPki.DEVELOPMENT_PASSWORD + "'.")
    Path key;

    @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "QAQPA_MEMBER_PASSWORD",
            description = "Environment variable holding the member's password (default: ${DEFAULT-VALUE}; unset: the "
                    + "dev-client development password, with a warning).")
    String passwordEnv;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "The gateway's data directory, whose pki/ holds the member key and the root to trust (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** Appends {@code sender} with the senderId and the member's password to {@code parent}. */
    void appendSender(Element parent) {
        Element sender = SyncMessages.append(parent, "sender", null);
        SyncMessages.append(sender, "senderId", senderId);
        SyncMessages.append(sender, "password", password());
    }

    /** Signs the envelope's Body with the member's key (WS-Security, X509v3 KeyIdentifier). */
    void sign(Document envelope) throws DsigCommand.UsageException {
        IssuedCertificate signer = readKey(key == null ? dataDir.resolve("pki").resolve("legal.p12") : key);
        new XmlSigner(signer.privateKey(), signer.certificate()).signTransport(envelope, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
    }

    /** The validator of the gateway's answer signature: the development PKI of {@code --data}, no revocation. */
    CertificateValidator answerValidator() throws DsigCommand.UsageException {
        Path pki = dataDir.resolve("pki");
        return new CertificateValidator(new TrustMaterial(readCertificates(pki.resolve("root-cert.pem")),
                readCertificates(pki.resolve("inter-cert.pem")), List.of(), RevocationMode.OFF));
    }

    /** POSTs the envelope as SOAP 1.1 and returns the answer's bytes, whatever its HTTP status. */
    static byte[] post(URI endpoint, Document envelope) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        HttpRequest post = HttpRequest.newBuilder(endpoint)
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SyncMessages.serialize(envelope)))
                .build();
        return http.send(post, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** Posts the signed envelope and prints the answer once its signature verified; returns the exit code. */
    int postAndPrint(URI endpoint, Document signedEnvelope, Clock clock) {
        CertificateValidator validator;
        try {
            validator = answerValidator();
        } catch (DsigCommand.UsageException e) {
            System.err.println("cannot send: " + e.getMessage());
            return 3;
        }
        byte[] answer;
        try {
            answer = post(endpoint, signedEnvelope);
        } catch (IOException e) {
            System.err.println("cannot send to " + endpoint + ": " + e);
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
        return new SendAnswer(answer, validator, clock).print();
    }

    private String password() {
        String password = System.getenv(passwordEnv);
        if (password == null) {
            System.err.println("warning: " + passwordEnv + " is not set; sending the dev-client development password '"
                    + DEVELOPMENT_MEMBER_PASSWORD + "' (never in production)");
            return DEVELOPMENT_MEMBER_PASSWORD;
        }
        return password;
    }

    private static IssuedCertificate readKey(Path p12) throws DsigCommand.UsageException {
        try {
            return IssuedCertificate.readPkcs12(p12, DevPki.password());
        } catch (IllegalArgumentException e) {
            throw new DsigCommand.UsageException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new DsigCommand.UsageException("cannot open " + p12 + ": " + e.getCause().getMessage());
        }
    }

    private static List<X509Certificate> readCertificates(Path pem) throws DsigCommand.UsageException {
        try {
            return TrustMaterial.readCertificates(pem);
        } catch (IllegalArgumentException e) {
            throw new DsigCommand.UsageException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new DsigCommand.UsageException("cannot read " + pem + " (is --data the gateway's data directory?)");
        }
    }
}
