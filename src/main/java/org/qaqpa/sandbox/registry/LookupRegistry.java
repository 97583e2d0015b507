package org.qaqpa.sandbox.registry;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A registry that looks one IIN or BIN up: the request is checked against the registry's schema, then the
 * number's control digit unless the number is on record (the development PKI's numbers have none), and
 * only then answered.
 */
abstract class LookupRegistry implements StateRegistry {

    private final PayloadSchema schema;
    private final String requestElement;
    private final String numberElement;
    private final String numberRefusal;

    /**
     * @param numberElement the child of {@code requestElement} holding the number asked about
     * @param numberRefusal the {@link RegistryRefusal} code for a number that cannot exist
     */
    LookupRegistry(PayloadSchema schema, String requestElement, String numberElement, String numberRefusal) {
        this.schema = schema;
        this.requestElement = requestElement;
        this.numberElement = numberElement;
        this.numberRefusal = numberRefusal;
    }

    @Override
    public final RegistryAnswer answer(Document request) {
        Element checked = schema.checkRequest(request, requestElement, numberElement, numberRefusal);
        String number = PayloadXml.text(checked, numberElement);
        if (!isOnRecord(number) && !IdentificationNumber.hasValidControlDigit(number)) {
            throw new RegistryRefusal(numberRefusal, numberElement + " " + number + " has a wrong control digit.");
        }
        return answer(checked, number);
    }

    abstract boolean isOnRecord(String number);

    /** The answer to the checked {@code request} about {@code number}. */
    abstract RegistryAnswer answer(Element request, String number);
}
