package org.dermcode.rules;

import org.dermcode.claim.ClaimView;

/** One coding rule with a stable id (a concept of the claim-rule CodeSystem). */
public interface ClaimRule {

    String id();

    void check(ClaimView claim, Findings findings);
}
