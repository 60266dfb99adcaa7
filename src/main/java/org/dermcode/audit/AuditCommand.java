package org.dermcode.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.dermcode.claim.ClaimValidationService;
import org.dermcode.outcome.OutcomeMapper;
import org.dermcode.rules.Finding;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;

/**
 * {@code audit <claims.ndjson|dir> --out <dir> [--rules-only] [--threads N]}: validates every claim
 * (one JSON Claim a line, or every *.json / *.ndjson file of a folder) on all cores and writes
 * {@code outcomes.ndjson} (one OperationOutcome a claim, in input order, id = claim id),
 * {@code findings.csv} (one row per error or warning), {@code summary.csv} and {@code summary.html}
 * (the report, {@link AuditReport}). {@code audit --generate N --out file.ndjson
 * [--lines L] [--seed S]} writes synthetic claims.
 */
public final class AuditCommand {

    /** The claim an outcome belongs to, as an extension on the OperationOutcome. */
    public static final String CLAIM_EXTENSION = "http://dermcode.org/fhir/StructureDefinition/audit-claim";
    static final int CHUNK = 2000;

    private final FhirContext fhir;
    private final ClaimValidationService service;
    private final RuleGlossary glossary;
    private final PrintStream console;

    public AuditCommand(FhirContext fhir, ClaimValidationService service, RuleGlossary glossary, PrintStream console) {
        this.fhir = fhir;
        this.service = service;
        this.glossary = glossary;
        this.console = console;
    }

    /** Options of the command line; {@link #parse} explains bad ones with an IllegalArgumentException. */
    public record Options(Path input, Path out, boolean rulesOnly, int threads, Integer generate, Integer lines,
            long seed) {

        public static Options parse(List<String> args) {
            Path input = null;
            Path out = null;
            boolean rulesOnly = false;
            int threads = Runtime.getRuntime().availableProcessors();
            Integer generate = null;
            Integer lines = null;
            long seed = 42;
            Iterator<String> it = args.iterator();
            while (it.hasNext()) {
                String arg = it.next();
                switch (arg) {
                    case "--out" -> out = Path.of(value(it, arg));
                    case "--rules-only" -> rulesOnly = true;
                    case "--threads" -> threads = Integer.parseInt(value(it, arg));
                    case "--generate" -> generate = Integer.parseInt(value(it, arg));
                    case "--lines" -> lines = Integer.parseInt(value(it, arg));
                    case "--seed" -> seed = Long.parseLong(value(it, arg));
                    default -> {
                        if (arg.startsWith("--") || input != null) {
                            throw new IllegalArgumentException("Unknown argument " + arg);
                        }
                        input = Path.of(arg);
                    }
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out is required");
            }
            if (generate == null && input == null) {
                throw new IllegalArgumentException("Give a claims file (NDJSON) or folder, or --generate N");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1");
            }
            return new Options(input, out, rulesOnly, threads, generate, lines, seed);
        }

        private static String value(Iterator<String> it, String name) {
            if (!it.hasNext()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return it.next();
        }
    }

    public static final String USAGE = """
            usage: java -jar dermcode-server.jar audit <claims.ndjson|dir> --out <dir> [--rules-only] [--threads N]
                   java -jar dermcode-server.jar audit --generate N --out <file.ndjson> [--lines 1-10] [--seed S]""";

    /** Runs the audit; returns the summary. */
    public AuditSummary run(Options options) throws IOException, InterruptedException {
        List<Path> files = inputs(options.input());
        long total = 0;
        for (Path file : files) {
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                total += lines.filter(l -> !l.isBlank()).count();
            }
        }
        Files.createDirectories(options.out());
        AuditSummary summary = new AuditSummary(options.rulesOnly());
        Progress progress = new Progress(total, console, System.console() != null);
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread thread = new Thread(r, "audit");
            thread.setDaemon(true);
            return thread;
        });
        ThreadLocal<IParser> parsers = ThreadLocal.withInitial(fhir::newJsonParser);
        long start = System.nanoTime();
        try (BufferedWriter out = Files.newBufferedWriter(options.out().resolve("outcomes.ndjson"),
                StandardCharsets.UTF_8);
                FindingsCsv findings = new FindingsCsv(options.out().resolve("findings.csv"))) {
            List<String> chunk = new ArrayList<>(CHUNK);
            long[] number = {0};
            for (Path file : files) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        chunk.add(line);
                        if (chunk.size() == CHUNK) {
                            process(chunk, number, pool, parsers, options, summary, out, findings, progress);
                        }
                    }
                }
            }
            process(chunk, number, pool, parsers, options, summary, out, findings, progress);
        } finally {
            pool.shutdownNow();
        }
        summary.seconds((System.nanoTime() - start) / 1e9);
        progress.done();
        summary.writeCsv(options.out().resolve("summary.csv"));
        AuditReport.write(summary, glossary, options.out().resolve("summary.html"));
        return summary;
    }

    /**
     * One claim's outcome, already encoded as a JSON line on the worker thread that validated it;
     * for an input line that is not a Claim, its number and the problem instead of claim and findings.
     */
    private record Result(String outcomeJson, List<Finding> findings, Claim claim, long number, String problem) {}

    private void process(List<String> chunk, long[] number, ExecutorService pool, ThreadLocal<IParser> parsers,
            Options options, AuditSummary summary, BufferedWriter out, FindingsCsv findings, Progress progress)
            throws IOException, InterruptedException {
        List<Future<Result>> futures = new ArrayList<>(chunk.size());
        long first = number[0];
        for (int i = 0; i < chunk.size(); i++) {
            String json = chunk.get(i);
            long n = first + i + 1;
            futures.add(pool.submit(() -> validate(json, n, parsers.get(), options.rulesOnly())));
        }
        for (Future<Result> future : futures) {
            Result result;
            try {
                result = future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("Audit failed", e.getCause());
            }
            if (result.claim() == null) {
                summary.addUnreadable(result.number(), result.problem());
            } else {
                summary.add(result.claim(), result.findings());
                findings.write(result.claim(), result.findings());
            }
            out.write(result.outcomeJson());
            out.write('\n');
            progress.step();
        }
        number[0] += chunk.size();
        chunk.clear();
    }

    private Result validate(String json, long number, IParser parser, boolean rulesOnly) {
        Claim claim;
        try {
            claim = parser.parseResource(Claim.class, json);
        } catch (RuntimeException e) {
            String problem = "Input line " + number + " is not a JSON Claim: " + firstLine(e.getMessage());
            OperationOutcome outcome = OutcomeMapper.error(IssueType.STRUCTURE, problem);
            outcome.setId("line-" + number);
            return new Result(parser.encodeResourceToString(outcome), null, null, number, problem);
        }
        List<Finding> findings = service.findings(claim, !rulesOnly);
        OperationOutcome outcome = OutcomeMapper.toOutcome(findings);
        String id = claim.getIdElement().getIdPart();
        outcome.setId(id != null && id.matches("[A-Za-z0-9\\-.]{1,64}") ? id : "line-" + number);
        outcome.addExtension(CLAIM_EXTENSION, new Reference(id == null ? "#line-" + number : "Claim/" + id));
        return new Result(parser.encodeResourceToString(outcome), findings, claim, number, null);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static List<Path> inputs(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            if (!Files.isRegularFile(input)) {
                throw new IllegalArgumentException("No such file or folder: " + input);
            }
            return List.of(input);
        }
        try (Stream<Path> files = Files.list(input)) {
            return files.filter(p -> p.toString().endsWith(".ndjson") || p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("manifest.json"))
                    .sorted().toList();
        }
    }

    /**
     * A progress bar with rate and ETA on a terminal; a plain line every 5 s otherwise. The first
     * claims include the JIT's and the validator's warm-up, and an ETA from them overstated a 7 s run
     * as 1295 s: once {@value #MIN_CLAIMS_FOR_RATE} claims and 2 s have passed (the warm-up is behind),
     * the rate is measured from that moment, and rate and ETA are shown once that measurement is
     * 2 s long ({@link #rateKnown}); until then the line says "measuring the rate". The last line
     * gives the average of the whole run.
     */
    static final class Progress {
        /** The warm-up is taken to be over after this many claims and this much time. */
        static final long MIN_CLAIMS_FOR_RATE = 100;
        static final long MIN_NANOS_FOR_RATE = 2_000_000_000L;

        private final long total;
        private final PrintStream out;
        private final boolean terminal;
        private final long start;
        private long done;
        private long lastPrint;
        private long markTime = -1;
        private long markDone;

        Progress(long total, PrintStream out, boolean terminal) {
            this(total, out, terminal, System.nanoTime());
        }

        Progress(long total, PrintStream out, boolean terminal, long start) {
            this.total = total;
            this.out = out;
            this.terminal = terminal;
            this.start = start;
            this.lastPrint = start;
        }

        void step() {
            step(System.nanoTime());
        }

        void step(long now) {
            done++;
            if (now - lastPrint > (terminal ? 200_000_000L : 5_000_000_000L)) {
                lastPrint = now;
                print(now, false);
            }
        }

        void done() {
            print(System.nanoTime(), true);
        }

        /** True once the rate has been measured for 2 s after the warm-up. */
        boolean rateKnown(long now) {
            return markTime >= 0 && now - markTime >= MIN_NANOS_FOR_RATE;
        }

        void print(long now, boolean last) {
            if (markTime < 0 && done >= Math.min(MIN_CLAIMS_FOR_RATE, total) && now - start >= MIN_NANOS_FOR_RATE) {
                markTime = now;
                markDone = done;
            }
            boolean known = last || rateKnown(now);
            double rate = last || !known ? done / Math.max(1e-9, (now - start) / 1e9)
                    : (done - markDone) / ((now - markTime) / 1e9);
            long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
            int percent = total == 0 ? 100 : (int) (100 * done / total);
            String speed = known ? String.format("%,.0f claims/s", rate) : "measuring the rate";
            if (terminal) {
                int width = 30;
                int filled = width * percent / 100;
                String etaText = known && !last ? String.format("  ETA %d:%02d", eta / 60, eta % 60) : "";
                out.printf("\r[%s%s] %3d%% %,d/%,d  %s%s   %s", "#".repeat(filled), ".".repeat(width - filled),
                        percent, done, total, speed, etaText, last ? "\n" : "");
            } else {
                String etaText = known && !last ? String.format(", ETA %d s", eta) : "";
                out.printf("audit: %,d/%,d claims (%d%%), %s%s%n", done, total, percent, speed, etaText);
            }
            out.flush();
        }
    }
}
