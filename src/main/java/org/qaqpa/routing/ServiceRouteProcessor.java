package org.qaqpa.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.log.LogEntry;
import org.qaqpa.registry.AsyncDelivery;
import org.qaqpa.registry.Provider;
import org.qaqpa.registry.Service;
import org.qaqpa.registry.ServiceRegistry;

/**
 * Route step: picks the provider of the message's serviceId (and routeId, when it names one), or
 * refuses with {@code SERVICE_NOT_FOUND}. The provider's URL as configured goes into
 * {@link Headers#PROVIDER_ENDPOINT}; the whole {@link Provider} into the exchange property {@link #PROVIDER}.
 * An async service delivered by PULL has no provider to call (its recipient member fetches the
 * messages), so on the async channel only the {@link Service} is set for it; on the sync channel it
 * is {@code SERVICE_NOT_FOUND}, as nothing could answer in the call.
 */
public final class ServiceRouteProcessor implements Processor {

    /** Exchange property holding the chosen {@link Provider}. */
    public static final String PROVIDER = "QaqpaProvider";
    /** Exchange property holding the {@link Service}. */
    public static final String SERVICE = "QaqpaService";

    private final ServiceRegistry services;

    public ServiceRouteProcessor(ServiceRegistry services) {
        this.services = services;
    }

    @Override
    public void process(Exchange exchange) {
        String serviceId = exchange.getIn().getHeader(Headers.SERVICE_ID, String.class);
        String routeId = exchange.getIn().getHeader(Headers.ROUTE_ID, String.class);
        Service service = services.find(serviceId).orElseThrow(() -> new QaqpaFault(ErrorCode.SERVICE_NOT_FOUND,
                "No provider is registered for serviceId '" + PrintableText.of(serviceId) + "'."));
        if (service.delivery() == AsyncDelivery.PULL && (routeId == null || routeId.isBlank())) {
            if (exchange.getProperty(ExchangeLog.CHANNEL, LogEntry.Channel.SYNC, LogEntry.Channel.class) != LogEntry.Channel.ASYNC) {
                throw new QaqpaFault(ErrorCode.SERVICE_NOT_FOUND, "The service '" + PrintableText.of(serviceId)
                        + "' is an async service whose recipient pulls its messages; send to it on /bip-async/.");
            }
            exchange.setProperty(SERVICE, service);
            return;
        }
        Provider provider = service.provider(routeId).orElseThrow(() -> new QaqpaFault(ErrorCode.SERVICE_NOT_FOUND,
                "No provider is registered for serviceId '" + PrintableText.of(serviceId) + "' and routeId '"
                        + PrintableText.of(routeId) + "'."));
        exchange.setProperty(SERVICE, service);
        exchange.setProperty(PROVIDER, provider);
        exchange.getIn().setHeader(Headers.PROVIDER_ENDPOINT, provider.url().configured());
    }
}
