package org.qaqpa.ops.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.Jsoner;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.log.MessageLogSearch;

/**
 * Asks another node's admin API ({@code admin.peers}) for its rows of one exchange, through the same
 * {@code GET /admin/log?sessionId=…} the console's search uses there: a node serves its log only to a caller with
 * its admin token, so the peers need no endpoint of their own. Every failure becomes a one-line reason for the
 * timeline's {@code problems}, never an exception: one node down must not hide what the others logged.
 */
final class PeerLogClient {

    /** An operator waits for the detail view: a node that has not answered by then is reported, not waited for. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Function<String, String> environment;
    private final HttpClient http;

    /** @param environment where the peers' {@code token-env} variables are read (the process environment) */
    PeerLogClient(Function<String, String> environment) {
        this.environment = environment;
        // No connectTimeout: with one the JDK client (17) keeps the exchange that opened a pooled connection for as
        // long as the connection lives (routing.ProviderClient, docs/benchmarks.md); the request timeout bounds the
        // connect as well.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The rows a peer holds, or why there are none from it. */
    record Answer(GatewayConfig.Peer peer, List<Map<String, Object>> rows, String problem) {

        static Answer failed(GatewayConfig.Peer peer, String problem) {
            return new Answer(peer, List.of(), problem);
        }
    }

    /** Starts asking {@code peer} for the rows with {@code sessionId}; the future never fails. */
    CompletableFuture<Answer> rows(GatewayConfig.Peer peer, String sessionId) {
        String token = environment.apply(peer.tokenEnv());
        if (token == null || token.isBlank()) {
            return CompletableFuture.completedFuture(Answer.failed(peer,
                    "not asked: the environment variable " + peer.tokenEnv() + " (its admin token) is not set"));
        }
        URI uri = URI.create(peer.url() + "log?sessionId=" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8)
                + "&limit=" + MessageLogSearch.MAX_LIMIT);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> read(peer, response))
                .exceptionally(failure -> Answer.failed(peer, unreachable(peer, failure)));
    }

    private static Answer read(GatewayConfig.Peer peer, HttpResponse<String> response) {
        Object json;
        try {
            json = Jsoner.deserialize(response.body());
        } catch (DeserializationException e) {
            json = null;
        }
        if (response.statusCode() != 200) {
            String message = json instanceof Map<?, ?> error && error.get("message") != null
                    ? ": " + error.get("message") : "";
            return Answer.failed(peer, "refused (HTTP " + response.statusCode() + ")" + message
                    + (response.statusCode() == 401 ? " — is " + peer.tokenEnv() + " that node's admin token?" : ""));
        }
        if (!(json instanceof Map<?, ?> page) || !(page.get("entries") instanceof List<?> entries)) {
            return Answer.failed(peer, "answered with something other than a message-log search (is " + peer.url()
                    + " a Qaqpa admin API?)");
        }
        List<Map<String, Object>> rows = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> row) || !(row.get("loggedAt") instanceof String at) || !isInstant(at)) {
                return Answer.failed(peer, "answered a log row without an instant in 'loggedAt'");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) row;
            rows.add(typed);
        }
        String more = page.get("next") == null ? null : "holds more than " + MessageLogSearch.MAX_LIMIT
                + " rows of this exchange; only its newest " + MessageLogSearch.MAX_LIMIT + " are shown";
        return new Answer(peer, rows, more);
    }

    private static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String unreachable(GatewayConfig.Peer peer, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "did not answer within " + TIMEOUT.toSeconds() + " s (" + peer.url() + ")";
        }
        if (cause instanceof ConnectException) {
            return "unreachable: nothing accepts connections at " + peer.url();
        }
        if (cause instanceof IOException) {
            return "unreachable (" + peer.url() + "): " + cause;
        }
        return "could not be asked: " + cause;
    }
}
