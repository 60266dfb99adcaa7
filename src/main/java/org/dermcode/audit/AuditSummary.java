package org.dermcode.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dermcode.rules.Finding;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/**
 * What an audit found: totals, findings per rule id, lines and findings per procedure code, the
 * rules most frequent per code and per provider, and the findings of the first
 * {@value #MAX_LISTED_CLAIMS} claims with errors or warnings (for the report).
 */
public final class AuditSummary {

    /** The report lists the findings of at most this many claims; all are in outcomes.ndjson and findings.csv. */
    static final int MAX_LISTED_CLAIMS = 1000;

    /** One finding of a listed claim: claim id, 1-based line (0 for the claim), the line's code, rule, severity, text. */
    record Listed(String claimId, int line, String code, String ruleId, String severity, String message) {}

    /** A provider's claims, claims with errors, findings and findings per rule. */
    static final class ProviderTally {
        long claims;
        long claimsWithErrors;
        long findings;
        final Map<String, Long> rules = new TreeMap<>();
    }

    private final boolean rulesOnly;
    private long claims;
    private long unreadable;
    private long claimsWithErrors;
    private long claimsWithWarnings;
    private long errors;
    private long warnings;
    private double seconds;
    private final Map<String, long[]> rules = new TreeMap<>();   // rule id -> errors, warnings
    private final Map<String, long[]> codes = new TreeMap<>();   // code -> lines, lines with a finding, findings
    private final Map<String, Map<String, Long>> rulesByCode = new TreeMap<>();   // code -> rule id -> findings
    private final Map<String, ProviderTally> providers = new TreeMap<>();
    private final List<Listed> listed = new ArrayList<>();
    private long listedClaims;

    AuditSummary(boolean rulesOnly) {
        this.rulesOnly = rulesOnly;
    }

    /** An input line that is not a Claim: counted as a claim with one error, listed under its line number. */
    void addUnreadable(long number, String problem) {
        claims++;
        unreadable++;
        claimsWithErrors++;
        errors++;
        if (listedClaims < MAX_LISTED_CLAIMS) {
            listedClaims++;
            listed.add(new Listed("line " + number, 0, "", "", "error", problem));
        }
    }

    void add(Claim claim, List<Finding> findings) {
        claims++;
        boolean error = false;
        boolean warning = false;
        long[] perLine = new long[claim.getItem().size()];
        String claimId = claim.getIdElement().getIdPart() != null ? claim.getIdElement().getIdPart() : "#" + claims;
        ProviderTally provider = providers.computeIfAbsent(provider(claim), k -> new ProviderTally());
        provider.claims++;
        List<Listed> claimRows = new ArrayList<>();
        for (Finding finding : findings) {
            boolean isError = finding.severity() == IssueSeverity.ERROR || finding.severity() == IssueSeverity.FATAL;
            boolean isWarning = finding.severity() == IssueSeverity.WARNING;
            if (!isError && !isWarning) {
                continue;
            }
            error |= isError;
            warning |= isWarning;
            if (isError) {
                errors++;
            } else {
                warnings++;
            }
            rules.computeIfAbsent(finding.ruleId(), k -> new long[2])[isError ? 0 : 1]++;
            boolean onLine = finding.line() >= 0 && finding.line() < perLine.length;
            String code = onLine ? code(claim.getItem().get(finding.line())) : "(claim)";
            if (onLine) {
                perLine[finding.line()]++;
            }
            rulesByCode.computeIfAbsent(code, k -> new TreeMap<>()).merge(finding.ruleId(), 1L, Long::sum);
            provider.findings++;
            provider.rules.merge(finding.ruleId(), 1L, Long::sum);
            claimRows.add(new Listed(claimId, onLine ? finding.line() + 1 : 0, onLine ? code : "",
                    finding.ruleId(), finding.severity().toCode(), finding.message()));
        }
        for (int i = 0; i < perLine.length; i++) {
            long[] c = codes.computeIfAbsent(code(claim.getItem().get(i)), k -> new long[3]);
            c[0]++;
            c[1] += perLine[i] > 0 ? 1 : 0;
            c[2] += perLine[i];
        }
        claimsWithErrors += error ? 1 : 0;
        claimsWithWarnings += warning && !error ? 1 : 0;
        provider.claimsWithErrors += error ? 1 : 0;
        if (!claimRows.isEmpty() && listedClaims < MAX_LISTED_CLAIMS) {
            listedClaims++;
            listed.addAll(claimRows);
        }
    }

    private static String provider(Claim claim) {
        String reference = claim.getProvider().getReference();
        if (reference == null || reference.isBlank()) {
            return "(no provider)";
        }
        return reference.startsWith("Practitioner/") ? reference.substring("Practitioner/".length()) : reference;
    }

    private static String code(Claim.ItemComponent item) {
        for (Coding coding : item.getProductOrService().getCoding()) {
            if (coding.hasCode()) {
                return coding.getCode().strip();
            }
        }
        return "(no code)";
    }

    void seconds(double value) {
        seconds = value;
    }

    public long claims() {
        return claims;
    }

    public long claimsWithErrors() {
        return claimsWithErrors;
    }

    public long errors() {
        return errors;
    }

    public long warnings() {
        return warnings;
    }

    public double seconds() {
        return seconds;
    }

    public Map<String, long[]> rules() {
        return rules;
    }

    boolean rulesOnly() {
        return rulesOnly;
    }

    long unreadable() {
        return unreadable;
    }

    long claimsWithWarningsOnly() {
        return claimsWithWarnings;
    }

    Map<String, long[]> codes() {
        return codes;
    }

    Map<String, Map<String, Long>> rulesByCode() {
        return rulesByCode;
    }

    Map<String, ProviderTally> providers() {
        return providers;
    }

    List<Listed> listed() {
        return listed;
    }

    /** Claims with errors or warnings beyond those the report lists. */
    long unlistedClaims() {
        return claimsWithErrors + claimsWithWarnings - listedClaims;
    }

    /** Rule ids by number of findings, most first. */
    List<Map.Entry<String, long[]>> topRules() {
        List<Map.Entry<String, long[]>> list = new ArrayList<>(rules.entrySet());
        list.sort((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]));
        return list;
    }

    void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("section,key,count,errors,warnings\n");
        csv.append("total,claims,").append(claims).append(",,\n");
        csv.append("total,claims clean,").append(claims - claimsWithErrors - claimsWithWarnings).append(",,\n");
        csv.append("total,claims with errors,").append(claimsWithErrors).append(",,\n");
        csv.append("total,claims with warnings only,").append(claimsWithWarnings).append(",,\n");
        csv.append("total,unreadable claims,").append(unreadable).append(",,\n");
        csv.append("total,findings,").append(errors + warnings).append(',').append(errors).append(',')
                .append(warnings).append('\n');
        csv.append("total,profile validation,").append(rulesOnly ? "off" : "on").append(",,\n");
        csv.append("total,seconds,").append(String.format(java.util.Locale.ROOT, "%.1f", seconds)).append(",,\n");
        for (Map.Entry<String, long[]> rule : topRules()) {
            long[] c = rule.getValue();
            csv.append("rule,").append(rule.getKey()).append(',').append(c[0] + c[1]).append(',').append(c[0])
                    .append(',').append(c[1]).append('\n');
        }
        csv.append("section,code,lines,lines with findings,findings\n");
        for (Map.Entry<String, long[]> code : codes.entrySet()) {
            long[] c = code.getValue();
            csv.append("code,").append(csvCell(code.getKey())).append(',').append(c[0]).append(',').append(c[1])
                    .append(',').append(c[2]).append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    private static String csvCell(String value) {
        return value.matches("[A-Za-z0-9 ().\\-]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
