package org.qaqpa.routing;

import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.registry.AsyncDelivery;
import org.qaqpa.registry.Member;
import org.qaqpa.registry.Provider;
import org.qaqpa.registry.Service;
import org.qaqpa.registry.ServiceMode;
import org.qaqpa.registry.ServiceRegistry;

/**
 * Route step of the sync {@code SendMessage} and the async {@code sendMessage}: picks the provider of the
 * request. A serviceId (and routeId) this gateway's registry serves goes to its provider
 * ({@link ServiceRouteProcessor}: {@code SERVICE_NOT_FOUND} when none); on a regional node every other one goes
 * to the upstream, the national gateway (docs/regional.md), whose provider entry is then in
 * {@link ServiceRouteProcessor#PROVIDER}, under a {@link Service} of the channel's mode that asks nothing more
 * of the request (the upstream checks it as its registry says). A request that another gateway node passed on
 * is never sent upstream again (it came from there, or would loop): it is served here or refused.
 */
public final class UpstreamRouteProcessor implements Processor {

    private final ServiceRouteProcessor local;
    private final ServiceRegistry services;
    private final Optional<Provider> upstream;
    private final ServiceMode mode;

    /**
     * @param upstream the national gateway's channel of {@code mode}, on a regional node; empty on the national
     *                 node (and when a regional node has no async address of its upstream)
     */
    public UpstreamRouteProcessor(ServiceRegistry services, Optional<Provider> upstream, ServiceMode mode) {
        this.local = new ServiceRouteProcessor(services);
        this.services = services;
        this.upstream = upstream;
        this.mode = mode;
    }

    @Override
    public void process(Exchange exchange) {
        String serviceId = exchange.getIn().getHeader(Headers.SERVICE_ID, String.class);
        String routeId = exchange.getIn().getHeader(Headers.ROUTE_ID, String.class);
        Member member = exchange.getProperty(MemberAuthProcessor.MEMBER, Member.class);
        if (upstream.isEmpty() || servedHere(serviceId, routeId) || member == null || member.node() || serviceId == null) {
            local.process(exchange);
            return;
        }
        exchange.setProperty(ServiceRouteProcessor.SERVICE, new Service(serviceId, upstream.get(), Map.of(), false, mode));
        exchange.setProperty(ServiceRouteProcessor.PROVIDER, upstream.get());
        exchange.getIn().setHeader(Headers.PROVIDER_ENDPOINT, upstream.get().url().configured());
    }

    private boolean servedHere(String serviceId, String routeId) {
        return services.find(serviceId).filter(service -> service.provider(routeId).isPresent()
                || service.delivery() == AsyncDelivery.PULL && (routeId == null || routeId.isBlank())).isPresent();
    }
}
