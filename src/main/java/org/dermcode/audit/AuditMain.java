package org.dermcode.audit;

import ca.uhn.fhir.context.FhirContext;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dermcode.claim.ClaimValidationService;
import org.dermcode.terminology.TerminologyRepository;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code audit} command line: the same beans as the server, started without the web server
 * (no port, no servlet), quiet logging, no background warm-up.
 */
public final class AuditMain {

    private AuditMain() {}

    /** Returns the process exit code: 0 done, 2 bad arguments, 1 failure. */
    public static int run(Class<?> application, String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        List<String> springArgs = new ArrayList<>();
        rest.removeIf(a -> a.startsWith("--dermcode.") || a.startsWith("--logging.") ? springArgs.add(a) : false);
        AuditCommand.Options options;
        try {
            options = AuditCommand.Options.parse(rest);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(AuditCommand.USAGE);
            return 2;
        }
        try {
            if (options.generate() != null) {
                long start = System.nanoTime();
                ClaimGenerator.write(FhirContext.forR4Cached(), options.out(), options.generate(), options.seed(),
                        options.lines());
                System.err.printf("Wrote %,d claims to %s in %.1f s%n", options.generate(), options.out(),
                        (System.nanoTime() - start) / 1e9);
                return 0;
            }
            if (!options.rulesOnly() && !hugeMethodsCompiled()) {
                System.err.println("Tip: java -XX:-DontCompileHugeMethods -jar ... audit validates profiles about 1.5x"
                        + " as fast (docs/performance.md)");
            }
            springArgs.add("--dermcode.validation.warm-up=false");
            springArgs.add("--spring.main.banner-mode=off");
            if (springArgs.stream().noneMatch(a -> a.startsWith("--logging.level.root"))) {
                springArgs.add("--logging.level.root=WARN");
            }
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE).logStartupInfo(false).run(springArgs.toArray(String[]::new))) {
                AuditCommand command = new AuditCommand(context.getBean(FhirContext.class),
                        context.getBean(ClaimValidationService.class),
                        RuleGlossary.of(context.getBean(TerminologyRepository.class)), System.err);
                AuditSummary summary = command.run(options);
                System.err.printf("Audited %,d claims in %.1f s (%,.0f claims/s): %,d with errors, %,d errors,"
                        + " %,d warnings. Outcomes and summary in %s%n", summary.claims(), summary.seconds(),
                        summary.claims() / Math.max(summary.seconds(), 1e-9), summary.claimsWithErrors(),
                        summary.errors(), summary.warnings(), options.out());
            }
            return 0;
        } catch (Exception e) {
            System.err.println("Audit failed: " + e);
            return 1;
        }
    }

    /**
     * Whether HotSpot compiles methods over 8,000 bytes of bytecode; HL7's instance validator has
     * some, and left to the interpreter they make a profile validation about 1.5 times as costly.
     */
    static boolean hugeMethodsCompiled() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot == null || "false".equals(hotSpot.getVMOption("DontCompileHugeMethods").getValue());
        } catch (RuntimeException notHotSpot) {
            return true;
        }
    }
}
