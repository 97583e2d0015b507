package org.qaqpa.e2e;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.util.json.Jsoner;
import org.qaqpa.config.GatewayConfig;

/** A gateway with its admin API on, for the tests that drive the admin API or the console. */
final class AdminGateway {

    private AdminGateway() {
    }

    /**
     * The registry files are copies of config/ in {@code registryDir} (the admin API rewrites them), reloaded within
     * 5 s, and async deliveries give up after {@code attempts} quick retries, so that a test can make a dead letter.
     * The dashboard's history samples every second, so that its charts have points within a test.
     */
    static TestGateway start(Path data, Path registryDir, String token, int attempts) throws Exception {
        Path members = Files.copy(TestGateway.projectDir().resolve("config/members.yaml"), registryDir.resolve("members.yaml"));
        Path services = Files.copy(TestGateway.projectDir().resolve("config/services.yaml"), registryDir.resolve("services.yaml"));
        GatewayConfig config = GatewayConfig.defaults()
                .withRegistry(new GatewayConfig.Registry(members.toString(), services.toString(), Duration.ofSeconds(5)))
                .withAsync(AsyncMessages.quickRetries(attempts, 2))
                .withAdmin(GatewayConfig.defaults().admin().withHistory(Duration.ofSeconds(1), 60));
        return start(config, data, token);
    }

    /** The admin API's JSON answer (an object: every route answers one, errors included). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return (Map<String, Object>) Jsoner.deserialize(response.body());
    }

    /** A gateway with {@code config} whose environment holds {@code token} as {@code QAQPA_ADMIN_TOKEN}. */
    static TestGateway start(GatewayConfig config, Path data, String token) throws Exception {
        return TestGateway.start(config, data, name -> name.equals("QAQPA_ADMIN_TOKEN") ? token : System.getenv(name));
    }
}
