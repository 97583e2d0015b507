package org.qaqpa.sandbox.registry;

/**
 * An entity's registration status in ГБД ЮЛ (seed value {@code registered} / {@code liquidated}) and the
 * taxpayer status that goes with it. Codes are the sandbox's own.
 */
public enum RegStatus {
    REGISTERED(new Term("1", "Зарегистрировано", "Тіркелген"), new Term("1", "Действующий", "Әрекет етуші")),
    LIQUIDATED(new Term("2", "Ликвидировано", "Таратылған"), new Term("3", "Снят с регистрационного учета", "Тіркеу есебінен шығарылған"));

    private final Term term;
    private final Term taxOrgStatus;

    RegStatus(Term term, Term taxOrgStatus) {
        this.term = term;
        this.taxOrgStatus = taxOrgStatus;
    }

    public Term term() {
        return term;
    }

    /** The entity's status as a taxpayer ({@code TaxOrgStatus}). */
    public Term taxOrgStatus() {
        return taxOrgStatus;
    }
}
