package org.qaqpa.sandbox.registry;

/** An entity's legal form as ГБД ЮЛ answers it (seed value {@code too}, {@code ao}, {@code gu}). Codes are the sandbox's own. */
public enum OrgForm {
    TOO(new Term("TOO", "Товарищество с ограниченной ответственностью", "Жауапкершілігі шектеулі серіктестік")),
    AO(new Term("AO", "Акционерное общество", "Акционерлік қоғам")),
    GU(new Term("GU", "Государственное учреждение", "Мемлекеттік мекеме"));

    private final Term term;

    OrgForm(Term term) {
        this.term = term;
    }

    public Term term() {
        return term;
    }
}
