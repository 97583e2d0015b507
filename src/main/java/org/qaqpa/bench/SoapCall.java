package org.qaqpa.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ClosedLoop.Call} that POSTs the next prepared SOAP request to the gateway and counts it
 * accepted when the answer is HTTP 200 and carries the expected response element. The requests are
 * bytes prepared (and signed) before the run, so a call costs the client only the HTTP exchange.
 */
final class SoapCall implements ClosedLoop.Call {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern ERROR_CODE = Pattern.compile("<(?:\\w+:)?errorCode>([^<]*)</");

    private final HttpClient http;
    private final URI endpoint;
    private final Iterator<byte[]> requests;
    private final String acceptedMarker;

    /**
     * @param requests       taken one per call, by whichever client calls next (must be thread-safe)
     * @param acceptedMarker text an accepted answer contains, e.g. {@code sendMessageResponse}
     */
    SoapCall(HttpClient http, URI endpoint, Iterator<byte[]> requests, String acceptedMarker) {
        this.http = http;
        this.endpoint = endpoint;
        this.requests = requests;
        this.acceptedMarker = acceptedMarker;
    }

    /**
     * An HTTP/1.1 client (no h2c upgrade attempt) for 127.0.0.1. No connectTimeout: with one the JDK client keeps
     * the exchange that opened each pooled connection, a 1 MiB request of {@code --payload mix} included, in the
     * load generator's heap (routing.ProviderClient says more); each request's timeout bounds the connect too.
     */
    static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public ClosedLoop.Outcome perform() throws IOException, InterruptedException {
        byte[] request;
        synchronized (requests) {
            if (!requests.hasNext()) {
                return ClosedLoop.Outcome.EXHAUSTED;
            }
            request = requests.next();
        }
        HttpRequest post = HttpRequest.newBuilder(endpoint)
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .build();
        HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() != 200 || !answer.body().contains(acceptedMarker)) {
            Matcher code = ERROR_CODE.matcher(answer.body());
            throw new IOException("HTTP " + answer.statusCode() + (code.find() ? " " + code.group(1) : ""));
        }
        return ClosedLoop.Outcome.ACCEPTED;
    }
}
