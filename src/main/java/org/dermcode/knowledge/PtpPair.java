package org.dermcode.knowledge;

/**
 * An active NCCI procedure-to-procedure edit: {@code column1} is paid, {@code column2} denied unless
 * the modifier indicator is 1 and an NCCI-associated modifier is on either line. {@code orientation}
 * says how sure the column order is: {@code cms} (CMS's own order), {@code cms-2024q3} (the order of
 * the 2024 Q3 file), {@code em-procedure} (the procedure is column 1) or {@code rvu-guess} (the higher
 * 2026 non-facility RVU total is column 1: a guess).
 */
public record PtpPair(String column1, String column2, int modifierIndicator, String orientation, String rationale,
        Release release) {

    public static final String RVU_GUESS = "rvu-guess";

    public boolean bypassable() {
        return modifierIndicator == 1;
    }

    /** True when the column order was guessed from the RVUs, so which code is denied is not certain. */
    public boolean orderGuessed() {
        return RVU_GUESS.equals(orientation);
    }

    public boolean involves(String code) {
        return column1.equals(code) || column2.equals(code);
    }
}
