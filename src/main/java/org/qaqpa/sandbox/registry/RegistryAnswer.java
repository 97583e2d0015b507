package org.qaqpa.sandbox.registry;

import org.w3c.dom.Document;

/**
 * A state registry's answer: the payload for {@code responseData/data} (not yet signed) and a one-line
 * summary for {@code responseInfo/status/message}.
 */
public record RegistryAnswer(Document payload, String summary) {
}
