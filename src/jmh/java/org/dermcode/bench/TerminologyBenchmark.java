package org.dermcode.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dermcode.TestTerminology;
import org.dermcode.terminology.CodeValidationService;
import org.dermcode.terminology.ExpandRequest;
import org.dermcode.terminology.LookupService;
import org.dermcode.terminology.SystemUrls;
import org.dermcode.terminology.ValidationResult;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;
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

/** The terminology operations in-process, behind the providers (no HTTP, no serialisation). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:-DontCompileHugeMethods")
public class TerminologyBenchmark {

    private LookupService lookups;
    private CodeValidationService validation;
    private ValueSet procedures;
    private ValueSet em;

    @Setup
    public void setUp() {
        lookups = new LookupService(TestTerminology.REPOSITORY, TestTerminology.KNOWLEDGE, 1000);
        validation = new CodeValidationService(TestTerminology.EXPANSIONS);
        procedures = TestTerminology.REPOSITORY.valueSet("http://dermcode.org/fhir/ValueSet/derm-procedures", null)
                .orElseThrow();
        em = TestTerminology.REPOSITORY.valueSet("http://dermcode.org/fhir/ValueSet/derm-em", null).orElseThrow();
    }

    @Benchmark
    public Parameters lookup() {
        return lookups.lookup(TestTerminology.REPOSITORY, SystemUrls.CPT, null, "17311", List.of("*"));
    }

    @Benchmark
    public ValidationResult validateCode() {
        return validation.inValueSet(TestTerminology.REPOSITORY, em, List.of(new Coding(SystemUrls.CPT, "99213", null)),
                null, false, false, false);
    }

    @Benchmark
    public ValueSet expand() {
        return TestTerminology.EXPANSIONS.expand(new ExpandRequest(procedures, null, null, 0, 100, false, false, false,
                null, List.of()), TestTerminology.REPOSITORY);
    }

    @Benchmark
    public ValueSet expandFilter() {
        return TestTerminology.EXPANSIONS.expand(new ExpandRequest(procedures, "biopsy", null, 0, 100, false, false,
                false, null, List.of()), TestTerminology.REPOSITORY);
    }
}
