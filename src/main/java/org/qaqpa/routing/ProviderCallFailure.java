package org.qaqpa.routing;

import org.qaqpa.error.QaqpaFault;

/**
 * A provider call that ended in a refusal ({@code PROVIDER_*}), with the bytes the provider sent
 * if it sent any, so the message log can keep them as evidence.
 */
final class ProviderCallFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient byte[] answer;

    ProviderCallFailure(QaqpaFault fault, byte[] answer) {
        super(fault.getMessage(), fault, false, false);
        this.answer = answer == null ? new byte[0] : answer;
    }

    QaqpaFault fault() {
        return (QaqpaFault) getCause();
    }

    byte[] answer() {
        return answer;
    }
}
