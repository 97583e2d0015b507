package org.qaqpa.security.pki;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Plain HTTP for revocation data (OCSP over POST, CRLs over GET): a timeout on every call, a cap on
 * the body, http and https only (CRL distribution points may also name LDAP, which we skip).
 */
final class PkiHttp {

    /** CRLs of a national CA run to a few MiB; anything bigger is refused rather than buffered. */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;

    PkiHttp(Duration timeout) {
        this.timeout = timeout;
        // No connectTimeout: with one the JDK client (17) keeps the exchange that opened a pooled connection, a CRL
        // of several MiB included, for as long as the connection lives (routing.ProviderClient says more). Each
        // request's timeout bounds the connect too.
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    static boolean fetchable(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    }

    byte[] get(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), uri);
    }

    byte[] post(URI uri, String contentType, String accept, byte[] body) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), uri);
    }

    private byte[] send(HttpRequest request, URI uri) throws IOException {
        if (!fetchable(uri)) {
            throw new IOException("not an http(s) URL: " + uri);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + uri, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + uri);
            }
            Optional<Long> length = response.headers().firstValueAsLong("Content-Length").stream().boxed().findFirst();
            if (length.isPresent() && length.get() > MAX_BODY_BYTES) {
                throw new IOException("answer of " + length.get() + " bytes from " + uri + " exceeds " + MAX_BODY_BYTES);
            }
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IOException("answer from " + uri + " exceeds " + MAX_BODY_BYTES + " bytes");
            }
            return bytes;
        }
    }
}
