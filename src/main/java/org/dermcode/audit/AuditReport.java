package org.dermcode.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code summary.html}: the audit as a billing manager reads it. Totals; the rules found, most
 * frequent first, with their names; the most frequent rules per procedure code and per provider;
 * the claims with errors or warnings, finding by finding (claim, line, code, rule, severity,
 * message); and at the end each rule's name and meaning from the claim-rule CodeSystem, which
 * every rule id in the report links to. One self-contained file: no scripts, no external links.
 */
final class AuditReport {

    static final int TOP_CODE_RULES = 25;
    static final int TOP_RULES_PER_PROVIDER = 3;

    private final AuditSummary summary;
    private final RuleGlossary glossary;
    private final StringBuilder html = new StringBuilder();

    AuditReport(AuditSummary summary, RuleGlossary glossary) {
        this.summary = summary;
        this.glossary = glossary;
    }

    static void write(AuditSummary summary, RuleGlossary glossary, Path file) throws IOException {
        Files.writeString(file, new AuditReport(summary, glossary).render(), StandardCharsets.UTF_8);
    }

    String render() {
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>DermCode claim audit</title>
                <style>body{font:14px system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
                table{border-collapse:collapse;margin:.5em 0 1.5em}
                td,th{border:1px solid #ccc;padding:4px 10px;text-align:left;vertical-align:top}th{background:#f3f3f3}
                td.n,th.n{text-align:right}.bar{background:#c0392b;height:10px;display:inline-block}
                .error{color:#a01818;font-weight:600}.warning{color:#8a5a00;font-weight:600}
                .msg{max-width:620px}a{color:#1a55a0}nav a{margin-right:1em}dt{font-weight:600;margin-top:.6em}
                dd{margin-left:1.5em}</style></head><body>
                <h1>DermCode claim audit</h1>
                <nav><a href="#rules">Findings by rule</a><a href="#by-code">By procedure code</a>
                <a href="#by-provider">By provider</a><a href="#claims">Claims with findings</a>
                <a href="#explanations">What the rules mean</a></nav>
                """);
        totals();
        findingsByRule();
        rulesByCode();
        rulesByProvider();
        listedClaims();
        linesByCode();
        explanations();
        html.append("</body></html>\n");
        return html.toString();
    }

    private void totals() {
        long clean = summary.claims() - summary.claimsWithErrors() - summary.claimsWithWarningsOnly();
        html.append("<p>").append(String.format(Locale.ROOT, "%,d", summary.claims())).append(" claims, profile validation ")
                .append(summary.rulesOnly() ? "off" : "on")
                .append(String.format(Locale.ROOT, ", %.1f s", summary.seconds())).append(".</p>\n<table>\n");
        count("claims", summary.claims());
        count("clean", clean);
        count("with errors", summary.claimsWithErrors());
        count("with warnings only", summary.claimsWithWarningsOnly());
        count("unreadable", summary.unreadable());
        count("errors", summary.errors());
        count("warnings", summary.warnings());
        html.append("</table>\n");
    }

    private void count(String name, long value) {
        html.append("<tr><td>").append(name).append("</td><td class=\"n\">").append(value).append("</td></tr>\n");
    }

    private void findingsByRule() {
        html.append("<h2 id=\"rules\">Findings by rule</h2>\n<table><tr><th>rule</th><th>name</th>"
                + "<th class=\"n\">findings</th><th class=\"n\">errors</th><th class=\"n\">warnings</th><th></th></tr>\n");
        List<Map.Entry<String, long[]>> top = summary.topRules();
        long max = top.isEmpty() ? 1 : Math.max(1, top.get(0).getValue()[0] + top.get(0).getValue()[1]);
        for (Map.Entry<String, long[]> rule : top) {
            long[] c = rule.getValue();
            html.append("<tr><td>").append(ruleLink(rule.getKey())).append("</td><td>")
                    .append(escape(glossary.get(rule.getKey()).name())).append("</td><td class=\"n\">").append(c[0] + c[1])
                    .append("</td><td class=\"n\">").append(c[0]).append("</td><td class=\"n\">").append(c[1])
                    .append("</td><td><span class=\"bar\" style=\"width:").append(200 * (c[0] + c[1]) / max)
                    .append("px\"></span></td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** The (code, rule) pairs with the most findings. */
    private void rulesByCode() {
        record Pair(String code, String rule, long findings) {}
        List<Pair> pairs = new ArrayList<>();
        summary.rulesByCode().forEach((code, rules) -> rules.forEach((rule, n) -> pairs.add(new Pair(code, rule, n))));
        pairs.sort(Comparator.comparingLong(Pair::findings).reversed().thenComparing(Pair::code)
                .thenComparing(Pair::rule));
        html.append("<h2 id=\"by-code\">Most frequent rules by procedure code</h2>\n<p>The procedure code of the line"
                + " each finding is on; (claim) for findings about the whole claim.</p>\n<table><tr><th>code</th>"
                + "<th>rule</th><th>name</th><th class=\"n\">findings</th></tr>\n");
        for (Pair pair : pairs.subList(0, Math.min(TOP_CODE_RULES, pairs.size()))) {
            html.append("<tr><td>").append(escape(pair.code())).append("</td><td>").append(ruleLink(pair.rule()))
                    .append("</td><td>").append(escape(glossary.get(pair.rule()).name())).append("</td><td class=\"n\">")
                    .append(pair.findings()).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void rulesByProvider() {
        html.append("<h2 id=\"by-provider\">Most frequent rules by provider</h2>\n<table><tr><th>provider</th>"
                + "<th class=\"n\">claims</th><th class=\"n\">with errors</th><th class=\"n\">findings</th>"
                + "<th>most frequent rules</th></tr>\n");
        List<Map.Entry<String, AuditSummary.ProviderTally>> providers = new ArrayList<>(summary.providers().entrySet());
        providers.sort(Comparator.comparingLong((Map.Entry<String, AuditSummary.ProviderTally> e) -> e.getValue().findings)
                .reversed().thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, AuditSummary.ProviderTally> entry : providers) {
            AuditSummary.ProviderTally tally = entry.getValue();
            String top = tally.rules.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_RULES_PER_PROVIDER)
                    .map(rule -> ruleLink(rule.getKey()) + " " + rule.getValue())
                    .collect(Collectors.joining(", "));
            html.append("<tr><td>").append(escape(entry.getKey())).append("</td><td class=\"n\">").append(tally.claims)
                    .append("</td><td class=\"n\">").append(tally.claimsWithErrors).append("</td><td class=\"n\">")
                    .append(tally.findings).append("</td><td>").append(top).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void listedClaims() {
        html.append("<h2 id=\"claims\">Claims with findings</h2>\n<p>Each error and warning: the claim, the line"
                + " (1 is the first item; blank for the whole claim), the procedure code on that line, the rule and"
                + " what to fix.");
        if (summary.unlistedClaims() > 0) {
            html.append(" The first ").append(AuditSummary.MAX_LISTED_CLAIMS).append(" claims are listed; ")
                    .append(summary.unlistedClaims()).append(" more are in findings.csv and outcomes.ndjson.");
        }
        html.append("</p>\n<table><tr><th>claim</th><th class=\"n\">line</th><th>code</th><th>rule</th>"
                + "<th>severity</th><th>message</th></tr>\n");
        String previous = null;
        for (AuditSummary.Listed row : summary.listed()) {
            boolean first = !row.claimId().equals(previous);
            previous = row.claimId();
            html.append("<tr><td>").append(first ? escape(row.claimId()) : "").append("</td><td class=\"n\">")
                    .append(row.line() > 0 ? Integer.toString(row.line()) : "").append("</td><td>")
                    .append(escape(row.code())).append("</td><td>")
                    .append(row.ruleId().isEmpty() ? "" : ruleLink(row.ruleId())).append("</td><td class=\"")
                    .append(escape(row.severity())).append("\">").append(escape(row.severity()))
                    .append("</td><td class=\"msg\">").append(escape(row.message() == null ? "" : row.message()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void linesByCode() {
        html.append("<h2>Lines by procedure code</h2>\n<table><tr><th>code</th><th class=\"n\">lines</th>"
                + "<th class=\"n\">lines with findings</th><th class=\"n\">findings</th></tr>\n");
        for (Map.Entry<String, long[]> code : summary.codes().entrySet()) {
            long[] c = code.getValue();
            html.append("<tr><td>").append(escape(code.getKey())).append("</td><td class=\"n\">").append(c[0])
                    .append("</td><td class=\"n\">").append(c[1]).append("</td><td class=\"n\">").append(c[2])
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** Every rule found, with its name and meaning: where the rule links of the report lead. */
    private void explanations() {
        html.append("<h2 id=\"explanations\">What the rules mean</h2>\n<p>The rules found in this audit, as the"
                + " claim-rule CodeSystem states them (<code>CodeSystem/$lookup</code> of a rule id on the server gives"
                + " the same); docs/claim-rules.md says where each rule points and how to fix it.</p>\n<dl>\n");
        for (String rule : summary.rules().keySet()) {
            RuleGlossary.Entry entry = glossary.get(rule);
            html.append("<dt id=\"").append(anchor(rule)).append("\">").append(escape(rule)).append(": ")
                    .append(escape(entry.name())).append("</dt><dd>")
                    .append(entry.meaning() == null ? "(not in the claim-rule CodeSystem)" : escape(entry.meaning()))
                    .append("</dd>\n");
        }
        html.append("</dl>\n");
    }

    private static String ruleLink(String rule) {
        return "<a href=\"#" + anchor(rule) + "\">" + escape(rule) + "</a>";
    }

    private static String anchor(String rule) {
        return "rule-" + rule.replaceAll("[^A-Za-z0-9\\-]", "_");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
