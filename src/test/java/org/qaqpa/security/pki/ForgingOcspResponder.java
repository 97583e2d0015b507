package org.qaqpa.security.pki;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A misbehaving OCSP responder for tests: each request is answered by a function, so a test can
 * answer about another certificate, drop the nonce, sign with the wrong key, or send stale data.
 */
final class ForgingOcspResponder implements AutoCloseable {

    /** What to put into one answer. */
    record Answer(IssuedCertificate signer, CertificateID id, CertificateStatus status, Instant thisUpdate,
                  Instant nextUpdate, boolean echoNonce) {

        Answer signedBy(IssuedCertificate newSigner) {
            return new Answer(newSigner, id, status, thisUpdate, nextUpdate, echoNonce);
        }
    }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    ForgingOcspResponder(Function<OCSPReq, byte[]> responder) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = responder.apply(new OCSPReq(in.readAllBytes()));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    int requests() {
        return requests.get();
    }

    /** A signed basic OCSP response as described, with the request's nonce when {@code echoNonce}. */
    static byte[] encode(OCSPReq request, Answer answer) {
        try {
            X509CertificateHolder signer = new JcaX509CertificateHolder(answer.signer().certificate());
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(signer.getSubject()));
            builder.addResponse(answer.id(), answer.status(), Date.from(answer.thisUpdate()),
                    answer.nextUpdate() == null ? null : Date.from(answer.nextUpdate()));
            if (answer.echoNonce() && request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce) != null) {
                builder.setResponseExtensions(new Extensions(request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)));
            }
            PrivateKey key = answer.signer().privateKey();
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(key), new X509CertificateHolder[] {signer},
                    Date.from(answer.thisUpdate()))).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot forge an OCSP answer", e);
        }
    }

    /** A response with only a status, such as tryLater. */
    static byte[] status(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
