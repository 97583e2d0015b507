package org.qaqpa.bench.reference;

import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.soap.SOAPBinding;
import java.net.URI;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.jaxws.DispatchImpl;

/**
 * JAX-WS {@link Dispatch} clients of the echo provider, in PAYLOAD mode: each signs the request's
 * Body with the gateway's key and verifies the echo's signed answer (signer and Body coverage).
 *
 * <p>The JAX-WS specification promises no thread safety for a Dispatch, and the CXF FAQ ("Are JAX-WS
 * client proxies thread safe?") advises a client per thread, a pool, or synchronisation when in doubt;
 * so each call borrows a client from a pool and returns it, and a new one is made only when all are in
 * use. Clients are built once with their interceptors; their request context is never changed per call.
 * The HTTP conduits share one {@code java.net.http.HttpClient} (CXF 4's default).
 */
final class EchoClients {

    private static final QName SERVICE = new QName("urn:qaqpa:reference", "EchoProvider");
    private static final QName PORT = new QName("urn:qaqpa:reference", "EchoPort");

    private final Bus bus;
    private final URI echo;
    private final WssInterceptors security;
    private final String echoSubjectPattern;
    private final ConcurrentLinkedQueue<Dispatch<Source>> idle = new ConcurrentLinkedQueue<>();

    /**
     * @param echoSubjectPattern a regular expression the echo's signing certificate's subject DN must match
     */
    EchoClients(Bus bus, URI echo, WssInterceptors security, String echoSubjectPattern) {
        this.bus = bus;
        this.echo = echo;
        this.security = security;
        this.echoSubjectPattern = echoSubjectPattern;
    }

    /** Sends {@code payload} (the request's Body content) to the echo and returns the verified answer's Body content. */
    Source call(Source payload) {
        Dispatch<Source> client = idle.poll();
        if (client == null) {
            client = newClient();
        }
        try {
            return client.invoke(payload);
        } finally {
            idle.offer(client);
        }
    }

    private Dispatch<Source> newClient() {
        Bus previous = BusFactory.getAndSetThreadDefaultBus(bus);
        try {
            Service service = Service.create(SERVICE);
            service.addPort(PORT, SOAPBinding.SOAP11HTTP_BINDING, echo.toString());
            Dispatch<Source> dispatch = service.createDispatch(PORT, Source.class, Service.Mode.PAYLOAD);
            Client client = ((DispatchImpl<Source>) dispatch).getClient();
            client.getOutInterceptors().add(security.signer());
            client.getInInterceptors().add(security.verifier(echoSubjectPattern));
            client.getInInterceptors().add(security.bodyCoverage());
            return dispatch;
        } finally {
            BusFactory.setThreadDefaultBus(previous);
        }
    }
}
