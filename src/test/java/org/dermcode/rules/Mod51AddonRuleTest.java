package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class Mod51AddonRuleTest {

    private final Mod51AddonRule rule = new Mod51AddonRule();

    @Test
    void fires51OnAddOn() {
        var findings = RuleTesting.run(rule, claim().line("17000").line("17003").mod("51").units(3).build());
        RuleTesting.assertSingle(findings, "MOD-51-ADDON", IssueSeverity.ERROR, "Claim.item[1].modifier[0]");
        assertThat(findings.get(0).message()).contains("Line 2", "17003", "51");
    }

    @Test
    void silentOnPrimaryAndAddOnWithout51() {
        assertThat(RuleTesting.run(rule, claim().line("17311").line("17000").mod("51").line("17003").build())).isEmpty();
    }
}
