package org.qaqpa.server;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.Bus;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;
import org.qaqpa.ops.GatewayMetrics;
import org.qaqpa.security.wss.WsSecurity;
import org.qaqpa.xml.RequestSizeInterceptor;
import org.qaqpa.xml.SecureStaxInInterceptor;
import org.qaqpa.xml.SecureXmlInputFactory;
import org.qaqpa.xml.SingleOperationInterceptor;

/**
 * Builds the CXF endpoints routes consume from, with every interceptor named here in order
 * (as Domibus' {@code cxf-endpoint.xml} does): in — session id, size limit, secure parser,
 * transport signature, one operation; out and out-fault — log context, UTF-8, {@link FaultMapper}, answer signature;
 * PAYLOAD mode keeps the provider payload as DOM.
 */
public final class SoapEndpoints {

    private final Map<SoapChannel, CxfEndpoint> endpoints = new EnumMap<>(SoapChannel.class);

    /**
     * @param security checks the transport signature of every request and signs the answers to authenticated senders; empty
     *                 when {@code security.require-signature} is false
     */
    public SoapEndpoints(Bus bus, SecureXmlInputFactory xml, Optional<WsSecurity> security,
                         Optional<String> publicUrl, Clock clock, GatewayMetrics metrics) {
        for (SoapChannel channel : SoapChannel.values()) {
            endpoints.put(channel, build(channel, bus, xml, security, publicUrl, clock, metrics));
        }
    }

    private static CxfEndpoint build(SoapChannel channel, Bus bus, SecureXmlInputFactory xml,
                                     Optional<WsSecurity> security,
                                     Optional<String> publicUrl, Clock clock, GatewayMetrics metrics) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setBus(bus);
        endpoint.setAddress(channel.path());
        endpoint.setWsdlURL("classpath:" + channel.wsdl());
        endpoint.setServiceName(channel.service().toString());
        endpoint.setPortName(channel.port().toString());
        endpoint.setDataFormat(DataFormat.PAYLOAD);
        // Parse the whole Body in CXF's in-chain, through the guarded reader, before any route step runs.
        endpoint.setAllowStreaming(false);
        // Routes run on the HTTP thread anyway (no asynchronous step): without CXF continuations, which cost a
        // continuation object, a suspend and a resume per request (2–3 % of a request thread in profiles).
        endpoint.setSynchronous(true);
        // Faults are refusals we log ourselves, once, in FaultMapper.
        endpoint.setSkipFaultLogging(true);
        // The caller's HTTP headers never steer routes, and route headers never reach the caller.
        endpoint.setHeaderFilterStrategy(new ProtocolHeaderFilter());
        publicUrl.ifPresent(url -> endpoint.setPublishedEndpointUrl(stripSlash(url) + channel.path() + "/"));
        List<Interceptor<? extends Message>> in = endpoint.getInInterceptors();
        in.add(new SessionIdInterceptor());
        in.add(new RequestSizeInterceptor(xml.limits().maxRequestBytes()));
        in.add(new SecureStaxInInterceptor(xml));
        security.ifPresent(s -> in.add(s.requests()));
        in.add(new SingleOperationInterceptor());
        endpoint.getOutInterceptors().add(new LogContextInterceptor());
        endpoint.getOutInterceptors().add(new Utf8ResponseInterceptor());
        endpoint.getOutFaultInterceptors().add(new LogContextInterceptor());
        endpoint.getOutFaultInterceptors().add(
                new FaultMapper(channel.faultElements(), channel.defaultFaultElement(), clock,
                        channel == SoapChannel.SYNC ? "sync" : "async", metrics));
        endpoint.getOutFaultInterceptors().add(new Utf8ResponseInterceptor());
        security.ifPresent(s -> {
            endpoint.getOutInterceptors().add(s.answers());
            endpoint.getOutFaultInterceptors().add(s.answers());
        });
        return endpoint;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Bean name → endpoint, for binding into Camel. */
    public Map<String, Object> beans() {
        Map<String, Object> beans = new java.util.LinkedHashMap<>();
        endpoints.forEach((channel, endpoint) -> beans.put(channel.beanName(), endpoint));
        return beans;
    }
}
