package org.qaqpa.sandbox.registry;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A legal entity of the sandbox ГБД ЮЛ; its {@code leader} is a person of the sandbox ГБД ФЛ.
 *
 * @param devPki whether the BIN is the one the development PKI writes into its certificates (no valid control digit)
 * @param note   what the seed entry is for (docs/sandbox.md)
 */
public record Entity(String bin, String fullNameRu, String fullNameKz, OrgForm orgForm, LocalDate registrationDate,
                     RegStatus regStatus, Optional<LocalDate> liquidationDate, Person leader, Address address,
                     boolean devPki, Optional<String> note) {
}
