package org.qaqpa.sandbox;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.qaqpa.security.pki.DevCaFiles;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * The sandbox certifying centre (a stand-in for the NCA's OCSP and CRL services) for the development
 * intermediate CA: answers OCSP requests with responses signed by the delegated OCSP responder
 * certificate, echoing the request's nonce, and issues the current CRL. Both read the revocations of
 * {@link DevCaFiles} at every call, so {@code qaqpa pki revoke} takes effect at once.
 */
final class CertifyingCentre {

    /** How long an OCSP answer may be relied on: short, so a revocation reaches a caching gateway within a minute. */
    static final Duration OCSP_VALIDITY = Duration.ofMinutes(1);
    /** How long a served CRL is valid. */
    static final Duration CRL_VALIDITY = Duration.ofDays(1);

    private final DevCaFiles ca;
    private final java.time.Clock clock;
    private final X509CertificateHolder issuer;
    private final X509CertificateHolder responder;
    private final DigestCalculatorProvider digests;

    CertifyingCentre(DevCaFiles ca, java.time.Clock clock) {
        this.ca = ca;
        this.clock = clock;
        try {
            this.issuer = new JcaX509CertificateHolder(ca.intermediate().certificate());
            this.responder = new JcaX509CertificateHolder(ca.ocspResponder().certificate());
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot read the development CA certificates", e);
        }
    }

    /** The DER CRL of the intermediate, issued now. */
    byte[] crl() throws GeneralSecurityException {
        return ca.crl(CRL_VALIDITY).getEncoded();
    }

    /** The DER OCSP response to a DER OCSP request; a malformed request gets the {@code malformedRequest} status. */
    byte[] answer(byte[] request) throws IOException {
        OCSPReq parsed;
        try {
            parsed = new OCSPReq(request);
        } catch (IOException | RuntimeException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        try {
            return answer(parsed).getEncoded();
        } catch (OCSPException | OperatorCreationException e) {
            return status(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    private OCSPResp answer(OCSPReq request) throws OCSPException, OperatorCreationException {
        Instant now = clock.instant();
        Date thisUpdate = Date.from(now);
        Date nextUpdate = Date.from(now.plus(OCSP_VALIDITY));
        Map<BigInteger, Instant> revoked = ca.revoked();
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(responder.getSubject()));
        for (Req single : request.getRequestList()) {
            CertificateID id = single.getCertID();
            CertificateStatus status;
            if (!id.matchesIssuer(issuer, digests)) {
                status = new UnknownStatus();
            } else if (revoked.containsKey(id.getSerialNumber())) {
                status = new RevokedStatus(Date.from(revoked.get(id.getSerialNumber())), CRLReason.keyCompromise);
            } else {
                status = CertificateStatus.GOOD;
            }
            builder.addResponse(id, status, thisUpdate, nextUpdate);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        IssuedCertificate signer = ca.ocspResponder();
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.privateKey()),
                new X509CertificateHolder[] {responder}, thisUpdate);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
    }

    private static byte[] status(int status) throws IOException {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException e) {
            throw new IOException("cannot encode an OCSP status", e);
        }
    }
}
