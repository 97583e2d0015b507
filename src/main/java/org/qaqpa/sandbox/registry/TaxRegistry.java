package org.qaqpa.sandbox.registry;

import static org.qaqpa.sandbox.registry.PayloadXml.append;
import static org.qaqpa.sandbox.registry.PayloadXml.appendTerm;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.qaqpa.sandbox.registry.PayloadXml.Naming;
import org.w3c.dom.Element;

/**
 * The sandbox tax system (ИНИС): whether a taxpayer (IIN or BIN) has tax arrears, how much and as of
 * when ({@code xsd/sandbox/tax.xsd}, Qaqpa's own design: nothing public describes the real one). Every
 * person of ГБД ФЛ and entity of ГБД ЮЛ is a taxpayer; without arrears the amount is 0.00 as of today
 * (Almaty). Any other number is answered {@value #NOT_REGISTERED_CODE}.
 */
public final class TaxRegistry extends LookupRegistry<TaxRegistry.Taxpayer> {

    public static final String SERVICE_ID = "ISNA_DEBT_CHECK";
    public static final String NAMESPACE = "urn:qaqpa:sandbox:tax:debt-check:v1";
    public static final String SCHEMA = "xsd/sandbox/tax.xsd";
    public static final String CHECKED_CODE = "00000";
    public static final String NOT_REGISTERED_CODE = "00001";

    private static final Term CHECKED = new Term(CHECKED_CODE, "Проверка выполнена", "Тексеру орындалды");
    private static final Term NOT_REGISTERED = new Term(NOT_REGISTERED_CODE, "Налогоплательщик не зарегистрирован",
            "Салық төлеуші тіркелмеген");
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");

    /** A taxpayer on record, with its arrears if it has any. */
    record Taxpayer(Optional<TaxDebt> debt) {
    }

    private final Clock clock;

    public TaxRegistry(RegistrySeed seed, Clock clock) {
        super(PayloadSchema.of(SCHEMA, NAMESPACE), "DebtCheckRequest", "iinBin", RegistryRefusal.IIN_BIN_INVALID,
                number -> seed.isTaxpayer(number) ? Optional.of(new Taxpayer(seed.debt(number))) : Optional.empty());
        this.clock = clock;
    }

    @Override
    RegistryAnswer answer(Element request, String number, Optional<Taxpayer> taxpayer) {
        Element out = PayloadXml.newRoot(NAMESPACE, "DebtCheckResponse");
        append(out, "iinBin", number);
        appendTerm(out, "status", taxpayer.isPresent() ? CHECKED : NOT_REGISTERED, Naming.CAMEL);
        if (taxpayer.isEmpty()) {
            return new RegistryAnswer(out.getOwnerDocument(), "no taxpayer " + number);
        }
        Optional<TaxDebt> debt = taxpayer.get().debt();
        Element checked = append(out, "debt", null);
        append(checked, "hasArrears", Boolean.toString(debt.isPresent()));
        append(checked, "amount", debt.map(TaxDebt::amount).orElse(BigDecimal.ZERO).setScale(2).toPlainString());
        append(checked, "currency", "KZT");
        append(checked, "asOfDate", debt.map(TaxDebt::asOf).orElse(LocalDate.ofInstant(clock.instant(), ALMATY)).toString());
        String summary = debt.map(d -> "taxpayer " + number + " has arrears of " + d.amount().toPlainString() + " KZT")
                .orElse("taxpayer " + number + " has no arrears");
        return new RegistryAnswer(out.getOwnerDocument(), summary);
    }
}
