package org.qaqpa.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.registry.ServiceRegistry;
import org.qaqpa.registry.ServiceRegistry.ServiceEntry;

/** Route step: picks the provider route of the message's serviceId, or refuses with {@code SERVICE_NOT_FOUND}. */
public final class ServiceRouteProcessor implements Processor {

    private final ServiceRegistry services;

    public ServiceRouteProcessor(ServiceRegistry services) {
        this.services = services;
    }

    @Override
    public void process(Exchange exchange) {
        String serviceId = exchange.getIn().getHeader(Headers.SERVICE_ID, String.class);
        ServiceEntry service = services.find(serviceId).orElseThrow(() -> new QaqpaFault(ErrorCode.SERVICE_NOT_FOUND,
                "No provider is registered for serviceId '" + PrintableText.of(serviceId) + "'."));
        exchange.getIn().setHeader(Headers.PROVIDER_ENDPOINT, service.providerEndpoint());
    }
}
