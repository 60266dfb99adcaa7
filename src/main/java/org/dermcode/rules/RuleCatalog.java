package org.dermcode.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dermcode.terminology.CodeSystemIndex;
import org.dermcode.terminology.Concept;
import org.dermcode.terminology.SystemUrls;
import org.dermcode.terminology.TerminologyLoadException;
import org.dermcode.terminology.TerminologyRepository;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** The rule ids with their names, default severities and issue types, from the claim-rule CodeSystem. */
public final class RuleCatalog {

    /** What the claim-rule CodeSystem says of one rule. */
    public record RuleInfo(String id, String name, IssueSeverity severity, IssueType type) {}

    private final Map<String, RuleInfo> rules = new LinkedHashMap<>();

    public RuleCatalog(TerminologyRepository repository) {
        CodeSystemIndex index = repository.codeSystem(SystemUrls.CLAIM_RULE)
                .orElseThrow(() -> new TerminologyLoadException("The claim-rule CodeSystem is missing"));
        for (Concept concept : index.concepts()) {
            String severity = concept.string("severity");
            String type = concept.string("issueType");
            rules.put(concept.code(), new RuleInfo(concept.code(), concept.display(),
                    "varies".equals(severity) || severity == null ? IssueSeverity.ERROR : IssueSeverity.fromCode(severity),
                    type == null ? IssueType.BUSINESSRULE : IssueType.fromCode(type)));
        }
    }

    public Optional<RuleInfo> find(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    public RuleInfo get(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("Rule " + id + " is not in the claim-rule CodeSystem"));
    }

    public Map<String, RuleInfo> all() {
        return Collections.unmodifiableMap(rules);
    }
}
