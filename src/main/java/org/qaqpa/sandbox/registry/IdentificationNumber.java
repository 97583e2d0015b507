package org.qaqpa.sandbox.registry;

import java.time.LocalDate;
import java.util.OptionalInt;

/**
 * Kazakh individual and business identification numbers (IIN / BIN, ИИН / БИН): twelve digits, the
 * last a control digit over the first eleven. The control digit is their weighted sum modulo 11 with
 * weights 1…11; when that gives 10, again with weights 3…11, 1, 2; a prefix for which both give 10
 * is never issued. An IIN starts with the birth date (YYMMDD) and a digit for century and gender.
 */
public final class IdentificationNumber {

    private static final int LENGTH = 12;
    private static final int[] FIRST_WEIGHTS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final int[] SECOND_WEIGHTS = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};

    private IdentificationNumber() {
    }

    /** Exactly twelve ASCII digits. */
    public static boolean isWellFormed(String number) {
        if (number == null || number.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The control digit of the first eleven digits of {@code number}; empty when no number with that
     * prefix is issued.
     *
     * @throws IllegalArgumentException if {@code number} does not start with eleven digits
     */
    public static OptionalInt controlDigit(String number) {
        if (number == null || number.length() < LENGTH - 1 || !isWellFormed(number.substring(0, LENGTH - 1) + "0")) {
            throw new IllegalArgumentException("not eleven digits: " + number);
        }
        int digit = weightedSum(number, FIRST_WEIGHTS) % 11;
        if (digit == 10) {
            digit = weightedSum(number, SECOND_WEIGHTS) % 11;
        }
        return digit == 10 ? OptionalInt.empty() : OptionalInt.of(digit);
    }

    /** Well formed, and the last digit is the control digit of the first eleven. */
    public static boolean hasValidControlDigit(String number) {
        if (!isWellFormed(number)) {
            return false;
        }
        OptionalInt digit = controlDigit(number);
        return digit.isPresent() && digit.getAsInt() == number.charAt(LENGTH - 1) - '0';
    }

    /**
     * The first seven digits of the IIN of a person born on {@code birthDate}: YYMMDD, then 1/2 (19th
     * century), 3/4 (20th) or 5/6 (21st), odd for men, even for women.
     *
     * @throws IllegalArgumentException for a birth year before 1800 or after 2099
     */
    public static String iinPrefix(LocalDate birthDate, Gender gender) {
        int century = birthDate.getYear() / 100;
        if (century < 18 || century > 20) {
            throw new IllegalArgumentException("no IIN century digit for " + birthDate.getYear());
        }
        int digit = (century - 18) * 2 + (gender == Gender.MALE ? 1 : 2);
        return String.format("%02d%02d%02d%d", birthDate.getYear() % 100, birthDate.getMonthValue(),
                birthDate.getDayOfMonth(), digit);
    }

    private static int weightedSum(String number, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (number.charAt(i) - '0') * weights[i];
        }
        return sum;
    }
}
