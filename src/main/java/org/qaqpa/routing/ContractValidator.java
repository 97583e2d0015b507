package org.qaqpa.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.xml.ContractSchema;

/** Route step: the operation element must be valid against the SHEP contract ({@code MESSAGE_INVALID}). */
public final class ContractValidator implements Processor {

    private final ContractSchema schema;

    public ContractValidator(ContractSchema schema) {
        this.schema = schema;
    }

    @Override
    public void process(Exchange exchange) {
        schema.validate(OperationPayload.of(exchange));
    }
}
