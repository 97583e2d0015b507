package org.qaqpa.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.MessageLog;
import org.qaqpa.registry.Provider;

/**
 * Route step: calls the provider chosen by {@link ServiceRouteProcessor} with the member's
 * {@code SendMessage} ({@link ProviderClient}), records its answer in the message log and makes its
 * {@code SendMessageResponse} the answer to the member (signed on the way out by the endpoint).
 */
public final class ProviderCallProcessor implements Processor {

    private final ProviderClient client;
    private final ExchangeLog log;
    private final Supplier<URI> gatewayBase;

    /**
     * @param gatewayBase the gateway's own address, for providers registered by path (served in-process)
     */
    public ProviderCallProcessor(ProviderClient client, MessageLog log, Supplier<URI> gatewayBase) {
        this.client = client;
        this.log = new ExchangeLog(log);
        this.gatewayBase = gatewayBase;
    }

    @Override
    public void process(Exchange exchange) {
        Provider provider = exchange.getProperty(ServiceRouteProcessor.PROVIDER, Provider.class);
        URI url = provider.url().resolve(gatewayBase.get());
        ProviderAnswer answer;
        try {
            answer = client.call(provider, url, OperationPayload.of(exchange),
                    exchange.getIn().getHeader(Headers.SESSION_ID, String.class));
        } catch (ProviderCallFailure failure) {
            exchange.setProperty(ExchangeLog.PROVIDER_BYTES, failure.answer());
            throw failure.fault();
        }
        log.record(exchange, LogEntry.Kind.RESPONSE, "ANSWERED", null, answer.bytes());
        exchange.getMessage().setBody(new CxfPayload<>(new ArrayList<>(), List.of(answer.response())));
    }
}
