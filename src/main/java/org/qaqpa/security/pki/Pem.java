package org.qaqpa.security.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM armour (RFC 7468): base64 blocks between BEGIN/END lines, read and written without interpreting the content. */
public final class Pem {

    private Pem() {
    }

    /** One {@code CERTIFICATE} block (what trust directories and {@code GET /certificate} hold). */
    public static String certificate(java.security.cert.X509Certificate certificate) {
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate does not encode: " + e.getMessage(), e);
        }
    }

    static String encode(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /**
     * The PEM blocks of a text, in order; text outside blocks (comments, openssl's "subject=" lines) is skipped.
     *
     * @throws IOException if a block is malformed (bad base64, missing END line)
     */
    static List<PemObject> decode(String text) throws IOException {
        List<PemObject> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                blocks.add(block);
            }
        }
        return blocks;
    }
}
