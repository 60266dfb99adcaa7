package org.dermcode.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/** Collects the findings of one claim; severity, type and name come from the rule catalog. */
public final class Findings {

    private final RuleCatalog catalog;
    private final List<Finding> list = new ArrayList<>();

    public Findings(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    public void add(String ruleId, int line, String expression, String message) {
        RuleCatalog.RuleInfo info = catalog.get(ruleId);
        list.add(new Finding(ruleId, info.name(), info.severity(), info.type(), line, expression, message));
    }

    public void add(String ruleId, IssueSeverity severity, int line, String expression, String message) {
        RuleCatalog.RuleInfo info = catalog.get(ruleId);
        list.add(new Finding(ruleId, info.name(), severity, info.type(), line, expression, message));
    }

    public List<Finding> list() {
        return Collections.unmodifiableList(list);
    }
}
