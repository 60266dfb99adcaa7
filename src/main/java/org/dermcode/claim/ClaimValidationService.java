package org.dermcode.claim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dermcode.outcome.OutcomeMapper;
import org.dermcode.rules.Finding;
import org.dermcode.rules.RuleEngine;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates one Claim: the coding rules on its {@link ClaimView}, then (when enabled) the profile,
 * findings ordered by line and rule id. Logs the claim id, rule ids and timing, never claim content.
 */
public final class ClaimValidationService {

    private static final Logger log = LoggerFactory.getLogger(ClaimValidationService.class);

    private final ClaimViewFactory views;
    private final RuleEngine engine;
    private final ProfileValidator profile;
    private final FindingListener listener;
    private final ClaimLimits limits;

    /** Told of every finding, for metrics. */
    public interface FindingListener {
        void onFindings(List<Finding> findings);
    }

    public ClaimValidationService(ClaimViewFactory views, RuleEngine engine, ProfileValidator profile,
            FindingListener listener) {
        this(views, engine, profile, listener, ClaimLimits.NONE);
    }

    public ClaimValidationService(ClaimViewFactory views, RuleEngine engine, ProfileValidator profile,
            FindingListener listener, ClaimLimits limits) {
        this.limits = limits;
        this.views = views;
        this.engine = engine;
        this.profile = profile;
        this.listener = listener;
    }

    /**
     * The rule findings and, {@code withProfile}, the profile findings that do not restate one of
     * them; the profile judges codes by the versions in force on the lines' dates of service.
     */
    public List<Finding> findings(Claim claim, boolean withProfile) {
        ClaimView view = views.create(claim);
        List<Finding> findings = new ArrayList<>(engine.run(view));
        if (withProfile && profile != null) {
            Set<LocalDate> dates = new TreeSet<>();
            for (ClaimView.Line line : view.lines()) {
                if (line.date() != null) {
                    dates.add(line.date());
                }
            }
            findings.addAll(profile.validate(claim, dates, findings));
            findings.sort(RuleEngine.ORDER);
        }
        return findings;
    }

    /** Refuses a request holding more claims or items than {@link ClaimLimits#checkBatch} allows. */
    public void checkBatch(List<Claim> claims) {
        limits.checkBatch(claims);
    }

    /** {@code sourceLength}: the length of the body the claim came in (see {@link ClaimLimits#check(Claim, long)}). */
    public OperationOutcome validate(Claim claim, long sourceLength) {
        long start = System.nanoTime();
        limits.check(claim, sourceLength);
        List<Finding> findings = findings(claim, true);
        listener.onFindings(findings);
        if (log.isInfoEnabled()) {
            Set<String> ids = new LinkedHashSet<>();
            findings.forEach(f -> ids.add(f.ruleId()));
            log.info("Validated claim {} ({} lines) in {} us: {} findings {}", claimId(claim), claim.getItem().size(),
                    (System.nanoTime() - start) / 1000, findings.size(), ids);
        }
        return OutcomeMapper.toOutcome(findings);
    }

    private static String claimId(Claim claim) {
        String id = claim.getIdElement().getIdPart();
        if (id == null) {
            return "(no id)";
        }
        return id.length() > 64 ? id.substring(0, 64) : id.replaceAll("[^A-Za-z0-9.\\-]", "_");
    }
}
