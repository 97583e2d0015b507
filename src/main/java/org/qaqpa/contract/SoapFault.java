package org.qaqpa.contract;

import java.util.List;
import java.util.Optional;
import org.qaqpa.sandbox.SyncMessages;
import org.w3c.dom.Element;

/** A SOAP 1.1 fault of an answer: faultcode, faultstring and, for SHEP faults, the ErrorInfo in {@code detail}. */
record SoapFault(String faultcode, String faultstring, Optional<Element> errorInfo) {

    static SoapFault of(Element fault) {
        Element detail = SyncMessages.child(fault, "detail");
        List<Element> infos = detail == null ? List.of() : SyncMessages.elementChildren(detail);
        return new SoapFault(String.valueOf(SyncMessages.text(fault, "faultcode")), String.valueOf(SyncMessages.text(fault, "faultstring")),
                infos.isEmpty() ? Optional.empty() : Optional.of(infos.get(0)));
    }

    Optional<String> errorCode() {
        return errorInfo.map(info -> SyncMessages.text(info, "errorCode"));
    }

    String summary() {
        return "fault " + errorCode().map(code -> code + ": " + SyncMessages.text(errorInfo.get(), "errorMessage"))
                .orElse(faultcode + ": " + faultstring);
    }
}
