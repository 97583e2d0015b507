package org.qaqpa.sandbox.registry;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A person of the sandbox ГБД ФЛ.
 *
 * @param devPki whether the IIN is one the development PKI writes into its certificates (no valid control digit)
 * @param note   what the seed entry is for (docs/sandbox.md)
 */
public record Person(String iin, String surname, String name, Optional<String> patronymic, LocalDate birthDate,
                     Optional<LocalDate> deathDate, Gender gender, Address regAddress, boolean devPki, Optional<String> note) {

    public static final Term ALIVE = new Term("0", "Жив", "Тірі");
    public static final Term DECEASED = new Term("1", "Умер", "Қайтыс болған");

    /** {@link #ALIVE}, or {@link #DECEASED} when there is a death date. */
    public Term lifeStatus() {
        return deathDate.isPresent() ? DECEASED : ALIVE;
    }
}
