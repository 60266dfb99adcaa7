package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class SeqCareTeamRuleTest {

    private final SeqCareTeamRule rule = new SeqCareTeamRule();

    @Test
    void firesOnPointerToMissingCareTeamMember() {
        var findings = RuleTesting.run(rule, claim().line("99213").line("11102").careTeamSequence(1, 2).build());
        RuleTesting.assertSingle(findings, "SEQ-CARETEAM", IssueSeverity.ERROR, "Claim.item[1].careTeamSequence[1]");
        assertThat(findings.get(0).message()).contains("Line 2", "11102", "care team member 2");
    }

    @Test
    void silentForListedMembers() {
        var claim = claim().careTeam(2, "Practitioner/dr-b").line("99213").line("11102").careTeamSequence(2).build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }
}
