package org.dermcode.audit;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dermcode.rules.Finding;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/**
 * {@code findings.csv}: every error and warning of the audit, one row each (claim, 1-based line or
 * blank for the whole claim, the line's procedure code, rule, severity, FHIRPath, message), for a
 * spreadsheet. Written as the claims come, in input order.
 */
final class FindingsCsv implements Closeable {

    static final String HEADER = "claim,line,code,rule,severity,expression,message";

    private final BufferedWriter out;

    FindingsCsv(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.write('\n');
    }

    void write(Claim claim, List<Finding> findings) throws IOException {
        String claimId = claim.getIdElement().getIdPart() == null ? "" : claim.getIdElement().getIdPart();
        for (Finding finding : findings) {
            if (finding.severity() != IssueSeverity.ERROR && finding.severity() != IssueSeverity.FATAL
                    && finding.severity() != IssueSeverity.WARNING) {
                continue;
            }
            boolean onLine = finding.line() >= 0 && finding.line() < claim.getItem().size();
            out.write(String.join(",", cell(claimId), onLine ? Integer.toString(finding.line() + 1) : "",
                    cell(onLine ? code(claim.getItem().get(finding.line())) : ""), cell(finding.ruleId()),
                    finding.severity().toCode(), cell(finding.expression()), cell(finding.message())));
            out.write('\n');
        }
    }

    private static String code(Claim.ItemComponent item) {
        for (Coding coding : item.getProductOrService().getCoding()) {
            if (coding.hasCode()) {
                return coding.getCode().strip();
            }
        }
        return "";
    }

    /** A CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return text.matches("[^,\"\\r\\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
