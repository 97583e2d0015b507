package org.qaqpa.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;
import org.qaqpa.security.pki.NcaSubject;
import org.qaqpa.security.pki.ValidatedSigner;

/** Each refusal of member authentication and authorisation, beside the accepted case. */
class MemberAuthenticatorTest {

    private static final String PASSWORD = "right-password";
    private static final PasswordHash HASH = PasswordHash.create(PASSWORD.toCharArray(), 1000);

    private static DevPki pki;

    private final AtomicLong nanos = new AtomicLong();

    @BeforeAll
    static void pki() {
        pki = DevPki.generate(Clock.systemUTC());
    }

    @Test
    void acceptsRegisteredMemberWithItsPasswordAndCertificate() {
        Member member = subjectMember("ministry", OptionalInt.empty());
        MemberAuthenticator authenticator = authenticator(member);

        assertThat(authenticator.authenticate("ministry", PASSWORD, signer(pki.legalEntity()))).isEqualTo(member);
        assertThat(authenticator.authenticate("ministry", PASSWORD, signer(pki.legalEntity())))
                .as("again, from the verification cache").isEqualTo(member);
        assertThatCode(() -> authenticator.authorise(member, "SVC")).doesNotThrowAnyException();
    }

    @Test
    void refusesUnknownSender() {
        MemberAuthenticator authenticator = authenticator(subjectMember("ministry", OptionalInt.empty()));

        assertRefused(() -> authenticator.authenticate("nobody", PASSWORD, signer(pki.legalEntity())), ErrorCode.SENDER_UNKNOWN,
                "Sender 'nobody' is not a registered member.");
    }

    @Test
    void refusesWrongPassword() {
        MemberAuthenticator authenticator = authenticator(subjectMember("ministry", OptionalInt.empty()));

        assertRefused(() -> authenticator.authenticate("ministry", "wrong", signer(pki.legalEntity())),
                ErrorCode.SENDER_AUTH_FAILED, "The password of sender 'ministry' is wrong.");
    }

    @Test
    void refusesWrongPasswordAfterTheRightOneWasCached() {
        MemberAuthenticator authenticator = authenticator(subjectMember("ministry", OptionalInt.empty()));
        authenticator.authenticate("ministry", PASSWORD, signer(pki.legalEntity()));

        assertRefused(() -> authenticator.authenticate("ministry", PASSWORD + "x", signer(pki.legalEntity())),
                ErrorCode.SENDER_AUTH_FAILED, "The password of sender 'ministry' is wrong.");
    }

    @Test
    void refusesMissingPassword() {
        MemberAuthenticator authenticator = authenticator(subjectMember("ministry", OptionalInt.empty()));

        assertRefused(() -> authenticator.authenticate("ministry", null, signer(pki.legalEntity())),
                ErrorCode.SENDER_AUTH_FAILED, "Sender 'ministry' sent no password.");
    }

    @Test
    void refusesCertificateOfAnotherPerson() {
        MemberAuthenticator authenticator = authenticator(subjectMember("ministry", OptionalInt.empty()));

        // Same organisation (BIN), another employee (IIN): bound by IIN + BIN, so refused.
        assertRefused(() -> authenticator.authenticate("ministry", PASSWORD, signer(pki.officer())),
                ErrorCode.SENDER_CERT_MISMATCH, "The signing certificate (CN=ДИРЕКТОРОВ ДИРЕКТОР, IIN 123456789032,"
                        + " BIN 123456789021) does not belong to sender 'ministry'.");
    }

    @Test
    void refusesCertificateOtherThanTheRegisteredOne() {
        Member member = new Member("ministry", HASH, CertificateBinding.certificates(List.of(pki.legalEntity().certificate())),
                Set.of("SVC"), OptionalInt.empty());
        MemberAuthenticator authenticator = authenticator(member);
        // A second certificate for the very same subject (a renewal the registry does not list yet).
        IssuedCertificate renewed = pki.issue(LeafSpec.signing(DevPki.LEGAL_ENTITY_DN, Clock.systemUTC().instant()));

        assertThat(authenticator.authenticate("ministry", PASSWORD, signer(pki.legalEntity()))).isEqualTo(member);
        assertRefused(() -> authenticator.authenticate("ministry", PASSWORD, signer(renewed)), ErrorCode.SENDER_CERT_MISMATCH,
                "The signing certificate (CN=ТЕСТОВ ТЕСТ, IIN 123456789011, BIN 123456789021) does not belong to sender 'ministry'.");
    }

    @Test
    void acceptsAnyCertificateOfTheOrganisationWhenBoundByBinOnly() {
        Member member = new Member("org", HASH, CertificateBinding.subject(Optional.empty(), Optional.of("123456789021")),
                Set.of(), OptionalInt.empty());
        MemberAuthenticator authenticator = authenticator(member);

        assertThat(authenticator.authenticate("org", PASSWORD, signer(pki.officer()))).isEqualTo(member);
        assertRefused(() -> authenticator.authenticate("org", PASSWORD, signer(pki.individual())), ErrorCode.SENDER_CERT_MISMATCH,
                "The signing certificate (CN=ТЕСТОВ ТЕСТ, IIN 123456789011) does not belong to sender 'org'.");
    }

    @Test
    void authenticatesByPasswordOnlyWithoutTransportSignature() {
        Member member = subjectMember("ministry", OptionalInt.empty());

        assertThat(authenticator(member).authenticate("ministry", PASSWORD, null)).isEqualTo(member);
    }

    @Test
    void escapesTheSenderIdInMessages() {
        MemberAuthenticator authenticator = authenticator(subjectMember("ministry", OptionalInt.empty()));

        assertRefused(() -> authenticator.authenticate("a\nb", PASSWORD, null), ErrorCode.SENDER_UNKNOWN,
                "Sender 'a\\nb' is not a registered member.");
    }

    @Test
    void refusesServiceNotAllowed() {
        Member member = subjectMember("ministry", OptionalInt.empty());

        assertRefused(() -> authenticator(member).authorise(member, "OTHER_SVC"), ErrorCode.SERVICE_NOT_ALLOWED,
                "Sender 'ministry' may not call serviceId 'OTHER_SVC'.");
    }

    @Test
    void refusesRequestsOverTheRateLimit() {
        Member member = subjectMember("ministry", OptionalInt.of(3));
        MemberAuthenticator authenticator = authenticator(member);

        for (int i = 0; i < 3; i++) {
            authenticator.authorise(member, "SVC");
        }
        assertRefused(() -> authenticator.authorise(member, "SVC"), ErrorCode.LIMIT_EXCEEDED,
                "Sender 'ministry' exceeded its rate limit of 3 requests per second.");
    }

    @Test
    void refillsTheRateLimitOverTime() {
        Member member = subjectMember("ministry", OptionalInt.of(2));
        MemberAuthenticator authenticator = authenticator(member);
        authenticator.authorise(member, "SVC");
        authenticator.authorise(member, "SVC");

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(499));
        assertRefused(() -> authenticator.authorise(member, "SVC"), ErrorCode.LIMIT_EXCEEDED,
                "Sender 'ministry' exceeded its rate limit of 2 requests per second.");
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertThatCode(() -> authenticator.authorise(member, "SVC")).as("one token after half a second").doesNotThrowAnyException();
        nanos.addAndGet(TimeUnit.HOURS.toNanos(1));
        authenticator.authorise(member, "SVC");
        authenticator.authorise(member, "SVC");
        assertRefused(() -> authenticator.authorise(member, "SVC"), ErrorCode.LIMIT_EXCEEDED,
                "Sender 'ministry' exceeded its rate limit of 2 requests per second.");
    }

    @Test
    void countsOnlyAllowedCallsAgainstTheRateLimit() {
        Member member = subjectMember("ministry", OptionalInt.of(1));
        MemberAuthenticator authenticator = authenticator(member);

        assertRefused(() -> authenticator.authorise(member, "OTHER_SVC"), ErrorCode.SERVICE_NOT_ALLOWED,
                "Sender 'ministry' may not call serviceId 'OTHER_SVC'.");
        assertThatCode(() -> authenticator.authorise(member, "SVC")).doesNotThrowAnyException();
    }

    @Test
    void seesTheMembersOfAReloadedRegistry() {
        MemberRegistry registry = new MemberRegistry(List.of());
        MemberAuthenticator authenticator = new MemberAuthenticator(registry, nanos::get);
        assertRefused(() -> authenticator.authenticate("ministry", PASSWORD, null), ErrorCode.SENDER_UNKNOWN,
                "Sender 'ministry' is not a registered member.");

        registry.replace(List.of(subjectMember("ministry", OptionalInt.empty())));

        assertThat(authenticator.authenticate("ministry", PASSWORD, null).senderId()).isEqualTo("ministry");
    }

    @Test
    void acceptsMemberRequiringTlsWithItsOwnClientCertificate() {
        Member member = transportMember(true, OptionalLong.empty());

        assertThatCode(() -> authenticator(member).checkTransport(member, pki.legalEntity().certificate(), 100_000))
                .doesNotThrowAnyException();
        Member plain = subjectMember("ministry", OptionalInt.empty());
        assertThatCode(() -> authenticator(plain).checkTransport(plain, null, 100_000))
                .as("no transport requirements").doesNotThrowAnyException();
    }

    @Test
    void refusesMemberRequiringTlsWithoutClientCertificate() {
        Member member = transportMember(true, OptionalLong.empty());

        assertRefused(() -> authenticator(member).checkTransport(member, null, 10), ErrorCode.SENDER_TLS_CERT_MISMATCH,
                "Sender 'ministry' must connect over TLS with a client certificate of its own; the connection had none.");
    }

    @Test
    void refusesTlsClientCertificateOfAnotherPerson() {
        Member member = transportMember(true, OptionalLong.empty());

        assertRefused(() -> authenticator(member).checkTransport(member, pki.officer().certificate(), 10),
                ErrorCode.SENDER_TLS_CERT_MISMATCH, "The TLS client certificate (CN=ДИРЕКТОРОВ ДИРЕКТОР, IIN 123456789032,"
                        + " BIN 123456789021) does not belong to sender 'ministry'.");
    }

    @Test
    void refusesRequestOverTheMembersSizeLimitButNotAtIt() {
        Member member = transportMember(false, OptionalLong.of(1024));

        assertThatCode(() -> authenticator(member).checkTransport(member, null, 1024)).doesNotThrowAnyException();
        assertRefused(() -> authenticator(member).checkTransport(member, null, 1025), ErrorCode.LIMIT_EXCEEDED,
                "The request is larger than the limit of 1024 bytes of sender 'ministry'.");
    }

    private Member transportMember(boolean tlsClientCertificate, OptionalLong maxRequestSize) {
        return new Member("ministry", HASH, CertificateBinding.subject(Optional.of("123456789011"), Optional.of("123456789021")),
                Set.of("SVC"), OptionalInt.empty(), Optional.empty(), false, tlsClientCertificate, maxRequestSize);
    }

    private Member subjectMember(String senderId, OptionalInt rateLimit) {
        return new Member(senderId, HASH, CertificateBinding.subject(Optional.of("123456789011"), Optional.of("123456789021")),
                Set.of("SVC"), rateLimit);
    }

    private MemberAuthenticator authenticator(Member member) {
        return new MemberAuthenticator(new MemberRegistry(List.of(member)), nanos::get);
    }

    private static ValidatedSigner signer(IssuedCertificate issued) {
        X509Certificate certificate = issued.certificate();
        return new ValidatedSigner(certificate, NcaSubject.of(certificate.getSubjectX500Principal()), issued.certificateAndChain());
    }

    private static void assertRefused(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QaqpaFault.class, fault -> {
            assertThat(fault.code()).isEqualTo(code);
            assertThat(fault.getMessage()).isEqualTo(message);
        });
    }
}
