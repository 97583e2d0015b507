package org.qaqpa.sandbox.registry;

/** A person's gender as ГБД ФЛ answers it (seed value {@code male} / {@code female}). Codes are the sandbox's own. */
public enum Gender {
    MALE(new Term("1", "Мужской", "Ер")),
    FEMALE(new Term("2", "Женский", "Әйел"));

    private final Term term;

    Gender(Term term) {
        this.term = term;
    }

    public Term term() {
        return term;
    }
}
