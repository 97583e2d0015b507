package org.qaqpa.sandbox.registry;

/** A value of a registry's reference list (справочник): a code with its Russian and Kazakh names. */
public record Term(String code, String nameRu, String nameKz) {
}
