package org.qaqpa.bench.reference;

import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import javax.xml.transform.Source;

/**
 * The proxy's service: a JAX-WS {@link Provider} that hands the Body content of each request it is
 * given (its signature already verified by the endpoint's interceptors) to the echo provider and
 * returns the echo's Body content (the endpoint's interceptors sign it). It reads nothing of the
 * message: no member check, no routing by {@code serviceId}, no log.
 */
@WebServiceProvider(serviceName = "ISyncChannelHttpService", portName = "SyncChannelHttpPort",
        targetNamespace = "http://bip.bee.kz/SyncChannel/v10/Interfaces/Binding2")
@ServiceMode(Service.Mode.PAYLOAD)
@BindingType(SOAPBinding.SOAP11HTTP_BINDING)
public final class EchoForwarder implements Provider<Source> {

    private final EchoClients echo;

    EchoForwarder(EchoClients echo) {
        this.echo = echo;
    }

    @Override
    public Source invoke(Source request) {
        return echo.call(request);
    }
}
