package org.qaqpa.security.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.sandbox.SandboxServer;
import org.qaqpa.security.pki.OcspStatus.Kind;

/**
 * The OCSP client against the sandbox certifying centre (real answers) and against a forging
 * responder: every answer that is not the answer to this request is {@code UNKNOWN}.
 */
class OcspClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    private static SandboxServer sandbox;
    private static DevPki pki;

    @BeforeAll
    static void startCertifyingCentre() throws Exception {
        sandbox = SandboxServer.start(0, dir, Clock.systemUTC());
        pki = DevPki.generate(Clock.systemUTC(), sandbox.caUrl());
        pki.writeTo(dir, DevPki.password());
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Test
    void answersGoodFromTheResponderNamedInTheCertificate() {
        OcspStatus status = client(Optional.empty()).status(pki.individual().certificate(), pki.intermediate().certificate());

        assertThat(status.kind()).isEqualTo(Kind.GOOD);
    }

    @Test
    void answersRevokedOnceTheCertifyingCentreRevoked() {
        IssuedCertificate doomed = pki.issue(LeafSpec.signing(DevPki.INDIVIDUAL_DN, Instant.now()));
        DevCaFiles.open(dir, DevPki.password(), Clock.systemUTC()).revoke(doomed.certificate().getSerialNumber(), Duration.ofDays(1));

        OcspStatus status = client(Optional.empty()).status(doomed.certificate(), pki.intermediate().certificate());

        assertThat(status.kind()).isEqualTo(Kind.REVOKED);
        assertThat(status.revokedAt()).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void unknownWhenTheResponderIsDown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OcspStatus status = client(Optional.of(URI.create("http://127.0.0.1:" + closedPort + "/ocsp")))
                .status(pki.individual().certificate(), pki.intermediate().certificate());

        assertThat(status.kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(status.detail()).contains("did not answer");
    }

    @Test
    void unknownWhenTheCertificateNamesNoResponder() {
        IssuedCertificate silent = DevPki.generate(Clock.systemUTC()).selfSigned(LeafSpec.signing(DevPki.INDIVIDUAL_DN, Instant.now()));

        OcspStatus status = client(Optional.empty()).status(silent.certificate(), silent.certificate());

        assertThat(status.detail()).contains("names no OCSP responder");
    }

    @Test
    void unknownForAnAnswerAboutAnotherCertificate() throws IOException {
        assertForged(answer -> new ForgingOcspResponder.Answer(answer.signer(),
                CertificateID.deriveCertificateID(answer.id(), answer.id().getSerialNumber().add(BigInteger.ONE)),
                answer.status(), answer.thisUpdate(), answer.nextUpdate(), true), "another certificate");
    }

    @Test
    void unknownForAnAnswerSignedByAKeyTheIssuerDidNotAuthorise() throws IOException {
        // a member certificate of the same CA, without id-kp-OCSPSigning
        assertForged(answer -> answer.signedBy(pki.legalEntity()), "not signed by the issuer");
    }

    @Test
    void unknownForAnAnswerSignedByAForeignResponder() throws IOException {
        assertForged(answer -> answer.signedBy(DevPki.generate(Clock.systemUTC()).ocspResponder()), "not signed by the issuer");
    }

    @Test
    void unknownForAnAnswerWithoutTheNonce() throws IOException {
        assertForged(answer -> new ForgingOcspResponder.Answer(answer.signer(), answer.id(), answer.status(),
                answer.thisUpdate(), answer.nextUpdate(), false), "nonce");
    }

    @Test
    void unknownForAStaleAnswer() throws IOException {
        Instant old = Instant.now().minus(Duration.ofDays(2));
        assertForged(answer -> new ForgingOcspResponder.Answer(answer.signer(), answer.id(), answer.status(),
                old, old.plus(Duration.ofDays(1)), true), "stale");
    }

    @Test
    void unknownForAnAnswerFromTheFuture() throws IOException {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        assertForged(answer -> new ForgingOcspResponder.Answer(answer.signer(), answer.id(), answer.status(),
                later, later.plus(Duration.ofHours(1)), true), "future");
    }

    @Test
    void unknownForAResponderThatSaysTryLater() throws IOException {
        try (ForgingOcspResponder responder = new ForgingOcspResponder(request -> ForgingOcspResponder.status(OCSPRespBuilder.TRY_LATER))) {
            OcspStatus status = client(Optional.of(responder.url())).status(pki.individual().certificate(), pki.intermediate().certificate());

            assertThat(status.kind()).isEqualTo(Kind.UNKNOWN);
            assertThat(status.detail()).contains("refused the request");
        }
    }

    @Test
    void unknownForGarbage() throws IOException {
        try (ForgingOcspResponder responder = new ForgingOcspResponder(request -> "<html>hello</html>".getBytes())) {
            OcspStatus status = client(Optional.of(responder.url())).status(pki.individual().certificate(), pki.intermediate().certificate());

            assertThat(status.detail()).contains("unreadable OCSP answer");
        }
    }

    @Test
    void keepsAGoodAnswerUntilNextUpdateAndAFailureForAFewSeconds() throws IOException {
        try (ForgingOcspResponder responder = new ForgingOcspResponder(request -> ForgingOcspResponder.encode(request,
                honest(request.getRequestList()[0].getCertID())))) {
            OcspClient client = client(Optional.of(responder.url()));
            client.status(pki.individual().certificate(), pki.intermediate().certificate());
            client.status(pki.individual().certificate(), pki.intermediate().certificate());

            assertThat(responder.requests()).isEqualTo(1);
        }
        try (ForgingOcspResponder responder = new ForgingOcspResponder(request -> ForgingOcspResponder.status(OCSPRespBuilder.TRY_LATER))) {
            OcspClient client = client(Optional.of(responder.url()));
            client.status(pki.officer().certificate(), pki.intermediate().certificate());
            client.status(pki.officer().certificate(), pki.intermediate().certificate());

            assertThat(responder.requests()).isEqualTo(1);
        }
    }

    private static ForgingOcspResponder.Answer honest(CertificateID id) {
        Instant now = Instant.now();
        return new ForgingOcspResponder.Answer(pki.ocspResponder(), id, CertificateStatus.GOOD, now, now.plus(Duration.ofMinutes(5)), true);
    }

    private static void assertForged(UnaryOperator<ForgingOcspResponder.Answer> forge, String why) throws IOException {
        try (ForgingOcspResponder responder = new ForgingOcspResponder(request -> ForgingOcspResponder.encode(request,
                forge.apply(honest(request.getRequestList()[0].getCertID()))))) {
            OcspStatus status = client(Optional.of(responder.url())).status(pki.individual().certificate(), pki.intermediate().certificate());

            assertThat(status.kind()).isEqualTo(Kind.UNKNOWN);
            assertThat(status.detail()).contains(why);
        }
        // the same forger answering honestly is believed: the refusal above is about the forgery
        try (ForgingOcspResponder responder = new ForgingOcspResponder(request -> ForgingOcspResponder.encode(request,
                honest(request.getRequestList()[0].getCertID())))) {
            assertThat(client(Optional.of(responder.url())).status(pki.individual().certificate(), pki.intermediate().certificate())
                    .kind()).isEqualTo(Kind.GOOD);
        }
    }

    private static OcspClient client(Optional<URI> override) {
        return new OcspClient(override, TIMEOUT, Clock.systemUTC());
    }
}
