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

/** What an audit found: totals, findings per rule id, lines and findings per procedure code. */
public final class AuditSummary {

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

    AuditSummary(boolean rulesOnly) {
        this.rulesOnly = rulesOnly;
    }

    void add(Claim claim, List<Finding> findings) {
        claims++;
        if (claim == null) {
            unreadable++;
            claimsWithErrors++;
            errors++;
            return;
        }
        boolean error = false;
        boolean warning = false;
        long[] perLine = new long[claim.getItem().size()];
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
            if (finding.line() >= 0 && finding.line() < perLine.length) {
                perLine[finding.line()]++;
            }
        }
        for (int i = 0; i < perLine.length; i++) {
            long[] c = codes.computeIfAbsent(code(claim.getItem().get(i)), k -> new long[3]);
            c[0]++;
            c[1] += perLine[i] > 0 ? 1 : 0;
            c[2] += perLine[i];
        }
        claimsWithErrors += error ? 1 : 0;
        claimsWithWarnings += warning && !error ? 1 : 0;
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

    void writeHtml(Path file) throws IOException {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>DermCode claim audit</title>
                <style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}
                td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}
                .bar{background:#c0392b;height:10px;display:inline-block}</style></head><body>
                <h1>DermCode claim audit</h1>
                """);
        html.append("<p>").append(claims).append(" claims, profile validation ").append(rulesOnly ? "off" : "on")
                .append(String.format(java.util.Locale.ROOT, ", %.1f s", seconds)).append(".</p>\n<table>");
        row(html, "claims", claims);
        row(html, "clean", claims - claimsWithErrors - claimsWithWarnings);
        row(html, "with errors", claimsWithErrors);
        row(html, "with warnings only", claimsWithWarnings);
        row(html, "unreadable", unreadable);
        row(html, "errors", errors);
        row(html, "warnings", warnings);
        html.append("</table>\n<h2>Findings by rule</h2>\n<table><tr><th>rule</th><th>findings</th><th>errors</th>"
                + "<th>warnings</th><th></th></tr>\n");
        long max = topRules().isEmpty() ? 1 : Math.max(1, topRules().get(0).getValue()[0] + topRules().get(0).getValue()[1]);
        for (Map.Entry<String, long[]> rule : topRules()) {
            long[] c = rule.getValue();
            html.append("<tr><td>").append(escape(rule.getKey())).append("</td><td>").append(c[0] + c[1])
                    .append("</td><td>").append(c[0]).append("</td><td>").append(c[1])
                    .append("</td><td style=\"text-align:left\"><span class=\"bar\" style=\"width:")
                    .append(200 * (c[0] + c[1]) / max).append("px\"></span></td></tr>\n");
        }
        html.append("</table>\n<h2>Lines by procedure code</h2>\n<table><tr><th>code</th><th>lines</th>"
                + "<th>lines with findings</th><th>findings</th></tr>\n");
        for (Map.Entry<String, long[]> code : codes.entrySet()) {
            long[] c = code.getValue();
            html.append("<tr><td>").append(escape(code.getKey())).append("</td><td>").append(c[0]).append("</td><td>")
                    .append(c[1]).append("</td><td>").append(c[2]).append("</td></tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder html, String name, long value) {
        html.append("<tr><td>").append(name).append("</td><td>").append(value).append("</td></tr>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
