package org.qaqpa.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.MessageLog;
import org.qaqpa.ops.GatewayMetrics;
import org.qaqpa.registry.Provider;

/**
 * Route step: calls the provider chosen by {@link ServiceRouteProcessor} (or {@link UpstreamRouteProcessor})
 * with the member's {@code SendMessage} ({@link ProviderClient}), records its answer in the message log and makes
 * its {@code SendMessageResponse} the answer to the member (signed on the way out by the endpoint).
 *
 * <p>A provider that is another gateway node (a regional node, or a regional node's upstream) is called with
 * this gateway's own {@link NodeLogin} as the sender and the original sender in {@link OriginalSender}; a
 * provider system gets the member's sender, and the original sender only when a node member vouched for one
 * ({@link Headers#ORIGINAL_SENDER_ID}).
 */
public final class ProviderCallProcessor implements Processor {

    private final ProviderClient client;
    private final ExchangeLog log;
    private final Supplier<URI> gatewayBase;
    private final NodeLogin nodeLogin;
    private final GatewayMetrics metrics;
    private final RequestOutcomes outcomes;
    private final ServiceSla sla;

    /**
     * @param gatewayBase the gateway's own address, for providers registered by path (served in-process)
     * @param nodeLogin   how this gateway signs in at other gateway nodes
     * @param metrics     counts the provider call's latency and the answered request
     * @param sla         counts a call longer than its service's {@code sla}
     */
    public ProviderCallProcessor(ProviderClient client, MessageLog log, Supplier<URI> gatewayBase, NodeLogin nodeLogin,
                                 GatewayMetrics metrics, ServiceSla sla) {
        this.client = client;
        this.log = new ExchangeLog(log);
        this.gatewayBase = gatewayBase;
        this.nodeLogin = nodeLogin;
        this.metrics = metrics;
        this.outcomes = new RequestOutcomes(metrics);
        this.sla = sla;
    }

    @Override
    public void process(Exchange exchange) {
        Provider provider = exchange.getProperty(ServiceRouteProcessor.PROVIDER, Provider.class);
        URI url = provider.url().resolve(gatewayBase.get());
        String serviceId = exchange.getIn().getHeader(Headers.SERVICE_ID, String.class);
        ProviderAnswer answer;
        long t0 = System.nanoTime();
        try {
            answer = client.call(provider, url, OperationPayload.of(exchange),
                    exchange.getIn().getHeader(Headers.SESSION_ID, String.class), relay(provider, exchange));
        } catch (ProviderCallFailure failure) {
            long elapsed = System.nanoTime() - t0;
            metrics.providerCall(serviceId, failure.fault().code().name(), elapsed);
            sla.providerCalled(serviceId, elapsed);
            exchange.setProperty(ExchangeLog.PROVIDER_BYTES, failure.answer());
            throw failure.fault();
        }
        long elapsed = System.nanoTime() - t0;
        metrics.providerCall(serviceId, null, elapsed);
        sla.providerCalled(serviceId, elapsed);
        log.record(exchange, LogEntry.Kind.RESPONSE, "ANSWERED", null, answer.bytes());
        exchange.getMessage().setBody(new CxfPayload<>(new ArrayList<>(), List.of(answer.response())));
        outcomes.answered(exchange);
    }

    private Relay relay(Provider provider, Exchange exchange) {
        Optional<String> vouched = Optional.ofNullable(exchange.getIn().getHeader(Headers.ORIGINAL_SENDER_ID, String.class));
        if (!provider.node()) {
            return new Relay(Optional.empty(), vouched);
        }
        return Relay.toNode(nodeLogin, vouched, exchange.getIn().getHeader(Headers.SENDER_ID, String.class));
    }
}
