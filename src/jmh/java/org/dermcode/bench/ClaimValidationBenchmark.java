package org.dermcode.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dermcode.TestTerminology;
import org.dermcode.claim.ClaimValidationService;
import org.dermcode.claim.ProfileValidator;
import org.dermcode.rules.Finding;
import org.dermcode.rules.RuleEngine;
import org.dermcode.rules.RuleSet;
import org.hl7.fhir.r4.model.Claim;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Claim validation in-process: rules only, and rules plus profile validation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:-DontCompileHugeMethods")
public class ClaimValidationBenchmark {

    private ClaimValidationService rulesOnly;
    private ClaimValidationService withProfile;
    private Claim clean10;
    private Claim faulty10;
    private Claim fifty;

    @Setup
    public void setUp() {
        RuleEngine engine = new RuleEngine(RuleSet.all(TestTerminology.KNOWLEDGE, TestTerminology.FACTS),
                TestTerminology.CATALOG);
        ProfileValidator profile = TestTerminology.profileValidator();
        rulesOnly = new ClaimValidationService(TestTerminology.VIEWS, engine, null, findings -> { });
        withProfile = new ClaimValidationService(TestTerminology.VIEWS, engine, profile, findings -> { });
        clean10 = BenchmarkClaims.clean10();
        faulty10 = BenchmarkClaims.faulty10();
        fifty = BenchmarkClaims.fifty();
        withProfile.findings(clean10, true);
    }

    @Benchmark
    public List<Finding> rulesClean10() {
        return rulesOnly.findings(clean10, false);
    }

    @Benchmark
    public List<Finding> rulesFaulty10() {
        return rulesOnly.findings(faulty10, false);
    }

    @Benchmark
    public List<Finding> rulesFifty() {
        return rulesOnly.findings(fifty, false);
    }

    @Benchmark
    public List<Finding> profileClean10() {
        return withProfile.findings(clean10, true);
    }

    @Benchmark
    public List<Finding> profileFaulty10() {
        return withProfile.findings(faulty10, true);
    }

    @Benchmark
    public List<Finding> profileFifty() {
        return withProfile.findings(fifty, true);
    }
}
