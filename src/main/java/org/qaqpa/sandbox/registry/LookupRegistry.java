package org.qaqpa.sandbox.registry;

import java.util.Optional;
import java.util.function.Function;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A registry that looks one IIN or BIN up: the request is checked against the registry's schema, the
 * number is looked up, its control digit checked unless it is on record (the development PKI's numbers
 * have none), and only then answered.
 *
 * @param <T> what the registry holds on record for a number
 */
abstract class LookupRegistry<T> implements StateRegistry {

    private final PayloadSchema schema;
    private final String requestElement;
    private final String numberElement;
    private final String numberRefusal;
    private final Function<String, Optional<T>> lookup;

    /**
     * @param numberElement the child of {@code requestElement} holding the number asked about
     * @param numberRefusal the {@link RegistryRefusal} code for a number that cannot exist
     * @param lookup        what is on record for a number
     */
    LookupRegistry(PayloadSchema schema, String requestElement, String numberElement, String numberRefusal,
                   Function<String, Optional<T>> lookup) {
        this.schema = schema;
        this.requestElement = requestElement;
        this.numberElement = numberElement;
        this.numberRefusal = numberRefusal;
        this.lookup = lookup;
    }

    @Override
    public final RegistryAnswer answer(Document request) {
        Element checked = schema.checkRequest(request, requestElement, numberElement, numberRefusal);
        String number = PayloadXml.text(checked, numberElement);
        Optional<T> record = lookup.apply(number);
        if (record.isEmpty() && !IdentificationNumber.hasValidControlDigit(number)) {
            throw new RegistryRefusal(numberRefusal, numberElement + " " + number + " has a wrong control digit.");
        }
        return answer(checked, number, record);
    }

    /** The answer to the checked {@code request} about {@code number}, which has {@code record} or is not on record. */
    abstract RegistryAnswer answer(Element request, String number, Optional<T> record);
}
