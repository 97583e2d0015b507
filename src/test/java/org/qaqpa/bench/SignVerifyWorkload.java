package org.qaqpa.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.apache.xml.security.c14n.Canonicalizer;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.VerifiedSignature;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.RevocationMode;
import org.qaqpa.security.pki.TrustMaterial;
import org.qaqpa.security.pki.ValidatedSigner;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlBytes;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;

/**
 * One 2 KB SendMessage request and the gateway's signature machinery, set up as the gateway sets
 * it up (SHEP reference form: WS-Security, exc-c14n, X509v3 KeyIdentifier; strict verifier; trust
 * in the development root with the intermediate as untrusted material, revocation off), shared by
 * {@link SignVerifyBench}, the signed requests of {@link ParseBench} and {@link MessageLogWriteBench}, and
 * the heap check of {@link BenchMain}.
 */
final class SignVerifyWorkload {

    /** The size of the unsigned request, in bytes of UTF-8. */
    static final int REQUEST_BYTES = 2048;
    static final String JCA_ALGORITHM = "SHA256withRSA";

    private static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    private static final String HEAD = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header/>"
            + "<soap:Body><ns2:SendMessage xmlns:ns2=\"http://bip.bee.kz/SyncChannel/v10/Types\"><request><requestInfo>"
            + "<messageId>bench-1</messageId><serviceId>TEST_SERVICE_ID</serviceId>"
            + "<messageDate>2026-11-23T10:00:00.000+05:00</messageDate><sender><senderId>dev-client</senderId></sender>"
            + "</requestInfo><requestData><data>";
    private static final String TAIL = "</data></requestData></request></ns2:SendMessage></soap:Body></soap:Envelope>";

    final IssuedCertificate signerKey;
    final XmlSigner signer;
    final XmlSignatureVerifier verifier;
    final CertificateValidator certificates;
    /** The gateway refuses its own certificate as a request signer; the comparison is part of its check. */
    private final X509Certificate gatewayCertificate;
    final SecureDocuments documents = new SecureDocuments(XmlLimits.defaults());
    private final Clock clock = Clock.systemUTC();

    /** The unsigned request, exactly {@link #REQUEST_BYTES} long. */
    final byte[] unsigned;
    /** The unsigned request in exclusive canonical form: what the raw baseline signs. */
    final byte[] canonical;
    /** {@link #canonical} signed with {@link #JCA_ALGORITHM}. */
    final byte[] rawSignature;
    /** The request signed by {@link #signer}, serialised as the gateway sends it. */
    final byte[] signed;

    /** Made by the first {@link #shared()}. */
    private static SignVerifyWorkload shared;

    /**
     * One workload for this JVM, for benchmarks that only need its signed requests (making the
     * development PKI takes seconds; JMH forks a JVM per benchmark, the tests run them all in one).
     * Its signer and verifier must not be used by two threads at once.
     */
    static synchronized SignVerifyWorkload shared() {
        if (shared == null) {
            shared = new SignVerifyWorkload();
        }
        return shared;
    }

    SignVerifyWorkload() {
        DevPki pki = DevPki.generate(clock);
        signerKey = pki.legalEntity();
        signer = new XmlSigner(signerKey.privateKey(), signerKey.certificate());
        TrustMaterial trust = new TrustMaterial(List.of(pki.root().certificate()), List.of(pki.intermediate().certificate()),
                List.of(), RevocationMode.OFF);
        verifier = new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(),
                trust.anchors());
        certificates = new CertificateValidator(trust);
        gatewayCertificate = pki.gateway().certificate();

        unsigned = request();
        canonical = canonical(parse(unsigned));
        rawSignature = rawSign(signerKey.privateKey(), canonical);
        signed = serialize(sign(unsigned));
        // A benchmark of something that does not verify would measure a refusal.
        if (!rawVerify(signerKey.certificate().getPublicKey(), canonical, rawSignature)) {
            throw new IllegalStateException("raw signature does not verify");
        }
        verifyWithCertificate(signed);
    }

    /** A SendMessage envelope whose {@code data} is padded so the whole envelope is {@link #REQUEST_BYTES} bytes. */
    static byte[] request() {
        return request(REQUEST_BYTES);
    }

    /** The same envelope padded to {@code size} bytes of UTF-8 (at least the 468 bytes of the envelope without padding). */
    static byte[] request(int size) {
        int padding = size - (HEAD + TAIL).getBytes(StandardCharsets.UTF_8).length;
        if (padding < 0) {
            throw new IllegalArgumentException("a SendMessage envelope is longer than " + size + " bytes");
        }
        StringBuilder data = new StringBuilder(padding);
        String filler = "IIN123456789012 BIN990140000123 ";
        while (data.length() < padding) {
            data.append(filler.charAt(data.length() % filler.length()));
        }
        byte[] bytes = (HEAD + data + TAIL).getBytes(StandardCharsets.UTF_8);
        if (bytes.length != size) {
            throw new IllegalStateException("request is " + bytes.length + " bytes");
        }
        return bytes;
    }

    /** {@link #request(int) request(size)} signed by {@link #signer} and serialised: what a member sends. */
    byte[] signedRequest(int size) {
        return serialize(sign(request(size)));
    }

    Document parse(byte[] xml) {
        return documents.parse(new ByteArrayInputStream(xml));
    }

    /** Parse and sign, as the gateway signs what it sends. */
    Document sign(byte[] envelope) {
        Document document = parse(envelope);
        signer.signTransport(document, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
        return document;
    }

    /** Parse and verify the signature (no certificate check). */
    VerifiedSignature verify(byte[] envelope) {
        return verifier.verify(parse(envelope), XmlSignatureVerifier.Mode.WSS);
    }

    /**
     * Parse, check the signer's certificate, verify the signature: what {@code TransportSignatureInterceptor}
     * does with every request (the certificate is checked after KeyInfo is read and before any digest).
     */
    ValidatedSigner verifyWithCertificate(byte[] envelope) {
        ValidatedSigner[] signer = new ValidatedSigner[1];
        verifier.verify(parse(envelope), XmlSignatureVerifier.Mode.WSS, (certificate, presented) -> {
            if (certificate.equals(gatewayCertificate)) {
                throw new IllegalStateException("the gateway's own certificate signed the request");
            }
            signer[0] = certificates.validate(certificate, presented, clock.instant(), CertificateValidator.Purpose.TRANSPORT);
        });
        return signer[0];
    }

    /** The document as UTF-8 bytes, the way the gateway writes a signed answer ({@link XmlBytes}). */
    byte[] serialize(Document document) {
        return XmlBytes.of(document);
    }

    static byte[] rawSign(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(JCA_ALGORITHM);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean rawVerify(PublicKey key, byte[] data, byte[] signatureValue) {
        try {
            Signature signature = Signature.getInstance(JCA_ALGORITHM);
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(signatureValue);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] canonical(Document document) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Canonicalizer.getInstance(EXC_C14N).canonicalizeSubtree(document, out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
