package org.qaqpa.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;

/**
 * Route step for {@code getMessageStatus} and {@code sendDeliveryNotification}: finds the async
 * message named by {@code messageId}. Until async delivery lands ([4/10]) the gateway accepts no
 * async message, so no lookup can succeed and each answers {@code MESSAGE_NOT_FOUND}.
 */
public final class AsyncMessageLookup implements Processor {

    @Override
    public void process(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(Headers.MESSAGE_ID, String.class);
        throw new QaqpaFault(ErrorCode.MESSAGE_NOT_FOUND, "No async message with messageId '" + PrintableText.of(messageId) + "' is known.");
    }
}
