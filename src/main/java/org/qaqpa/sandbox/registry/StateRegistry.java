package org.qaqpa.sandbox.registry;

import org.w3c.dom.Document;

/** A sandbox state registry: answers one request payload (the element inside {@code data}, as a document). */
public interface StateRegistry {

    /**
     * The answer to {@code request}; a person, entity or taxpayer that is not on record is an answer too.
     *
     * @throws RegistryRefusal if the request is malformed or asks about a number that cannot exist
     */
    RegistryAnswer answer(Document request);
}
