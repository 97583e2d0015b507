package org.qaqpa.sandbox.registry;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Tax arrears of a taxpayer (IIN or BIN) in the sandbox tax system, in tenge, as computed on {@code asOf}. */
public record TaxDebt(String number, BigDecimal amount, LocalDate asOf) {
}
