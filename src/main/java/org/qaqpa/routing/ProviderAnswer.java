package org.qaqpa.routing;

import org.w3c.dom.Element;

/**
 * A provider's successful answer: its exact bytes (for the message log) and the
 * {@code SendMessageResponse} element to relay.
 */
record ProviderAnswer(byte[] bytes, Element response) {
}
