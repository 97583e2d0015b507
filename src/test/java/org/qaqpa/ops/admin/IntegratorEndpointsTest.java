package org.qaqpa.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.qaqpa.ops.admin.IntegratorEndpoints.Endpoint;
import org.qaqpa.registry.CertificateBinding;
import org.qaqpa.registry.Provider;
import org.qaqpa.registry.ProviderUrl;
import org.qaqpa.registry.Service;
import org.qaqpa.registry.ServiceMode;

/** The endpoints the integrator page may send to: the gateway's channels and the provider URLs of services.yaml. */
class IntegratorEndpointsTest {

    private static final String BASE = "http://127.0.0.1:8080";

    private final List<Service> services = List.of(
            new Service("ECHO", provider("/sandbox/echo"), Map.of("fast", provider("https://fast.example.kz/soap")), false,
                    ServiceMode.SYNC),
            new Service("ALSO_ECHO", provider("/sandbox/echo"), Map.of(), false, ServiceMode.SYNC),
            new Service("MAIL", provider("mailto:provider@example.kz"), Map.of(), false, ServiceMode.SYNC));
    private final IntegratorEndpoints endpoints = new IntegratorEndpoints(BASE, () -> services,
            () -> URI.create("http://127.0.0.1:9090"));

    @Test
    void listsTheChannelsThenEachHttpProviderUrlOnceAsTheGatewayCallsIt() {
        assertThat(endpoints.all()).containsExactly(
                new Endpoint("sync", IntegratorEndpoints.GATEWAY, BASE + "/bip-sync/"),
                new Endpoint("async", IntegratorEndpoints.GATEWAY, BASE + "/bip-async/"),
                new Endpoint("asyncClient", IntegratorEndpoints.GATEWAY, BASE + "/bip-async-client/"),
                new Endpoint("ALSO_ECHO, ECHO", IntegratorEndpoints.PROVIDER, "http://127.0.0.1:9090/sandbox/echo"),
                new Endpoint("ECHO (fast)", IntegratorEndpoints.PROVIDER, "https://fast.example.kz/soap"));
        assertThat(endpoints.defaultEndpoint().url()).isEqualTo(BASE + "/bip-sync/");
    }

    @Test
    void resolvesListedUrlsChannelPathsAndNothingToTheSyncChannel() {
        assertThat(endpoints.resolve(null).url()).isEqualTo(BASE + "/bip-sync/");
        assertThat(endpoints.resolve("/bip-async/").url()).isEqualTo(BASE + "/bip-async/");
        assertThat(endpoints.resolve(BASE + "/bip-async-client/").gateway()).isTrue();
        assertThat(endpoints.resolve("https://fast.example.kz/soap").kind()).isEqualTo(IntegratorEndpoints.PROVIDER);
    }

    @Test
    void refusesEveryOtherAddress() {
        for (String other : List.of("https://fast.example.kz/soap/x", "/sandbox/echo", "http://169.254.169.254/",
                "mailto:provider@example.kz", "/bip-sync", BASE + "/other")) {
            assertThatThrownBy(() -> endpoints.resolve(other)).as(other).isInstanceOfSatisfying(AdminException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.field()).contains("endpoint");
                assertThat(e.getMessage()).contains(other);
            });
        }
    }

    private static Provider provider(String url) {
        return new Provider(new ProviderUrl(url), CertificateBinding.subject(Optional.empty(), Optional.of("990340000025")),
                Duration.ofSeconds(10));
    }
}
