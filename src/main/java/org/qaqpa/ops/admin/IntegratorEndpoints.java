package org.qaqpa.ops.admin;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.qaqpa.registry.Provider;
import org.qaqpa.registry.Service;
import org.qaqpa.server.SoapChannel;

/**
 * The addresses the integrator page may send to (docs/console.md, "Integrator page"): the gateway's own SOAP endpoints
 * and the provider systems registered in services.yaml, as the gateway calls them (a provider registered by path is
 * resolved against the same base the provider calls use, the sandbox's listener when one runs). Nothing else: a
 * request naming another address is refused, so the admin API reaches no host the gateway does not already call or
 * serve (no open proxy). The list is read from the registry at each request, so an edited services.yaml counts at once.
 */
final class IntegratorEndpoints {

    /** The gateway's own SOAP listener. */
    static final String GATEWAY = "gateway";
    /** A provider system of services.yaml. */
    static final String PROVIDER = "provider";

    /**
     * One choosable endpoint.
     *
     * @param label the channel ({@code sync}) or the serviceIds (with their routeId) registered at that address
     * @param kind  {@link #GATEWAY} or {@link #PROVIDER}
     * @param url   the absolute address requests are POSTed to
     */
    record Endpoint(String label, String kind, String url) {

        boolean gateway() {
            return GATEWAY.equals(kind);
        }

        Map<String, Object> json() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", label);
            row.put("kind", kind);
            row.put("url", url);
            return row;
        }
    }

    private final String soapBase;
    private final Supplier<Collection<Service>> services;
    private final Supplier<URI> pathProviderBase;

    /**
     * @param soapBase         the SOAP listener's base without a trailing slash, e.g. {@code http://127.0.0.1:8080}
     * @param services         the registered services, read at each call
     * @param pathProviderBase where providers registered by path are called (as {@code ProviderCallProcessor} does)
     */
    IntegratorEndpoints(String soapBase, Supplier<Collection<Service>> services, Supplier<URI> pathProviderBase) {
        this.soapBase = soapBase;
        this.services = services;
        this.pathProviderBase = pathProviderBase;
    }

    /** The gateway's channels first, then each provider address once (its serviceIds joined), sorted by label. */
    List<Endpoint> all() {
        List<Endpoint> answer = new ArrayList<>();
        for (SoapChannel channel : SoapChannel.values()) {
            answer.add(new Endpoint(channel.routePrefix(), GATEWAY, soapBase + channel.path() + "/"));
        }
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (Service service : services.get()) {
            if (service.provider() != null) {
                add(labels, service.provider(), service.serviceId());
            }
            service.routes().forEach((routeId, provider) -> add(labels, provider, service.serviceId() + " (" + routeId + ")"));
        }
        labels.entrySet().stream()
                .filter(entry -> answer.stream().noneMatch(endpoint -> endpoint.url().equals(entry.getKey())))
                .map(entry -> new Endpoint(String.join(", ", entry.getValue().stream().sorted().toList()), PROVIDER,
                        entry.getKey()))
                .sorted((a, b) -> a.label().compareTo(b.label()))
                .forEach(answer::add);
        return answer;
    }

    private void add(Map<String, List<String>> labels, Provider provider, String label) {
        URI url;
        try {
            url = provider.url().resolve(pathProviderBase.get());
        } catch (IllegalArgumentException e) {
            return;
        }
        if ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())) {
            labels.computeIfAbsent(url.toString(), key -> new ArrayList<>()).add(label);
        }
    }

    /** The sync channel, the default of the page and of a request naming no endpoint. */
    Endpoint defaultEndpoint() {
        return all().get(0);
    }

    /**
     * The endpoint a request names: exactly one of {@link #all()}'s URLs, or a channel's path ({@code /bip-sync/}, as
     * before providers could be chosen); the sync channel when it names none.
     *
     * @throws AdminException 400 with {@code field: endpoint} for any other address
     */
    Endpoint resolve(Object given) {
        List<Endpoint> all = all();
        if (given == null || String.valueOf(given).isBlank()) {
            return all.get(0);
        }
        String endpoint = String.valueOf(given);
        for (Endpoint candidate : all) {
            if (candidate.url().equals(endpoint)
                    || candidate.gateway() && candidate.url().equals(soapBase + endpoint)) {
                return candidate;
            }
        }
        throw AdminException.badRequest("endpoint", "'" + endpoint + "' is neither one of the gateway's SOAP endpoints ("
                + String.join(", ", Stream.of(SoapChannel.values()).map(channel -> channel.path() + "/").toList())
                + ") nor a provider URL registered in services.yaml (GET /admin/integrator/endpoints lists them);"
                + " the admin API sends nowhere else");
    }
}
