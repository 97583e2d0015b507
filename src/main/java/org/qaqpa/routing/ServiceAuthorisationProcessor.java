package org.qaqpa.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.registry.Member;
import org.qaqpa.registry.MemberAuthenticator;

/**
 * Route step after the service is known: the member may call it ({@code SERVICE_NOT_ALLOWED}) and
 * is within its rate limit ({@code LIMIT_EXCEEDED}).
 */
public final class ServiceAuthorisationProcessor implements Processor {

    private final MemberAuthenticator authenticator;

    public ServiceAuthorisationProcessor(MemberAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void process(Exchange exchange) {
        authenticator.authorise(exchange.getProperty(MemberAuthProcessor.MEMBER, Member.class),
                exchange.getIn().getHeader(Headers.SERVICE_ID, String.class));
    }
}
