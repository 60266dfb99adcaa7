package org.dermcode.terminology;

import java.time.LocalDate;

/**
 * What a {@code $validate-code} request asks of each coding, besides the codings themselves.
 *
 * @param form how the request gave the codings (the issues point into it)
 * @param date the date of service, or null for the newest versions
 * @param abstractAllowed whether an abstract code (a header, a group) passes
 * @param activeOnly whether a retired code is left out of a value set
 * @param inferSystem whether a code without a system takes the one system of the value set that has it
 * @param lenientDisplay whether a wrong display is a warning ({@code lenient-display-validation}) rather than an error
 */
public record CodeChecks(CodingForm form, LocalDate date, boolean abstractAllowed, boolean activeOnly, boolean inferSystem,
        boolean lenientDisplay) {
}
