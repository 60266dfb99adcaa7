import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The cost of one request (issue 13): sends the worst requests the limits allow to a running server
 * that nothing else uses, and reads from the server's own JVM (Attach API, JMX) how much CPU the
 * process spent (all threads: request, GC, JIT) and how many bytes its threads allocated while each
 * request ran. Each request is sent WARMUP times first, then measured RUNS times, one at a time.
 *
 *   java bench/cost/RequestCost.java <server pid> <base url, e.g. http://127.0.0.1:18114/fhir> [case...]
 *
 * Run by bench/cost.sh, which starts the jar. Results: one RESULT line per case.
 */
public class RequestCost {

    static final String CPT = "http://www.ama-assn.org/go/cpt";
    static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
    // the server's limits (application.properties, dermcode.limits.*; -D to measure others)
    static final int MAX_BODY = Integer.getInteger("maxBody", 1024 * 1024);
    static final int MAX_ITEMS = Integer.getInteger("maxItems", 50);
    static final int MAX_MODIFIERS = Integer.getInteger("maxModifiers", 5);
    static final int MAX_DIAGNOSES = Integer.getInteger("maxDiagnoses", 25);
    static final int MAX_BATCH = Integer.getInteger("maxBatch", 10);
    static final int MAX_BATCH_ITEMS = Integer.getInteger("maxBatchItems", 80);
    static final int MAX_COUNT = Integer.getInteger("maxCount", 1000);
    static final int MAX_JSON_DEPTH = 200;
    static final int WARMUP = Integer.getInteger("warmup", 3);
    static final int RUNS = Integer.getInteger("runs", 3);

    record Case(String name, String method, String path, String contentType, String body) {}

    public static void main(String[] args) throws Exception {
        String pid = args[0];
        String base = args[1];
        List<String> only = Arrays.asList(args).subList(2, args.length);
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address = vm.startLocalManagementAgent();
        vm.detach();
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            OperatingSystemMXBean os = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, OperatingSystemMXBean.class);
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

            long idleCpu0 = os.getProcessCpuTime();
            Thread.sleep(3000);
            double idleCpuMsPerS = (os.getProcessCpuTime() - idleCpu0) / 1e6 / 3;
            System.out.printf("IDLE process_cpu_ms_per_s=%.1f%n", idleCpuMsPerS);

            for (Case c : cases()) {
                if (!only.isEmpty() && !only.contains(c.name())) {
                    continue;
                }
                HttpRequest request = request(base, c);
                int status = 0;
                String answer = "";
                for (int i = 0; i < WARMUP; i++) {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                    answer = response.body();
                }
                double[] cpu = new double[RUNS];
                double[] allocated = new double[RUNS];
                double[] wall = new double[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    long cpu0 = os.getProcessCpuTime();
                    long bytes0 = threads.getTotalThreadAllocatedBytes();
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    wall[i] = (System.nanoTime() - t0) / 1e6;
                    cpu[i] = (os.getProcessCpuTime() - cpu0) / 1e6;
                    allocated[i] = (threads.getTotalThreadAllocatedBytes() - bytes0) / 1048576.0;
                    status = response.statusCode();
                    answer = response.body();
                }
                Arrays.sort(cpu);
                Arrays.sort(allocated);
                Arrays.sort(wall);
                System.out.printf("RESULT case=%s status=%d request_kb=%d answer_kb=%d cpu_ms_median=%.0f cpu_ms_max=%.0f"
                                + " allocated_mb_median=%.1f allocated_mb_max=%.1f wall_ms_median=%.0f%n",
                        c.name(), status, c.body() == null ? 0 : c.body().length() / 1024, answer.length() / 1024,
                        cpu[RUNS / 2], cpu[RUNS - 1], allocated[RUNS / 2], allocated[RUNS - 1], wall[RUNS / 2]);
                if (status >= 500) {
                    System.out.println("  answer: " + answer.substring(0, Math.min(300, answer.length())));
                }
            }
        }
    }

    static HttpRequest request(String base, Case c) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + c.path()))
                .timeout(Duration.ofSeconds(120)).header("Accept", "application/fhir+json");
        if (c.body() == null) {
            return builder.GET().build();
        }
        return builder.header("Content-Type", c.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8)).build();
    }

    static List<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        String json = "application/fhir+json";
        String claimPath = "/Claim/$validate-claim";
        cases.add(new Case("claim-example", "POST", claimPath, json, exampleClaims().get(0)));
        cases.add(new Case("claim-largest", "POST", claimPath, json, largestClaim(MAX_ITEMS, MAX_MODIFIERS, MAX_DIAGNOSES)));
        cases.add(new Case("claim-largest-xml", "POST", claimPath, "application/fhir+xml",
                largestClaimXml(MAX_ITEMS, MAX_MODIFIERS, MAX_DIAGNOSES)));
        cases.add(new Case("claim-deepest-json", "POST", claimPath, json, deepClaim()));
        cases.add(new Case("claim-deepest-xml", "POST", claimPath, "application/fhir+xml", deepClaimXml(Integer.getInteger(
                "xmlDepth", 900))));
        cases.add(new Case("bundle-most-claims", "POST", claimPath, json, bundle(MAX_BATCH, MAX_BATCH_ITEMS / MAX_BATCH)));
        cases.add(new Case("bundle-widest-claims", "POST", claimPath, json, bundle(MAX_BATCH_ITEMS / MAX_ITEMS, MAX_ITEMS)));
        cases.add(new Case("expand-stored-widest", "GET", "/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/"
                + "derm-diagnoses&count=" + MAX_COUNT, null, null));
        cases.add(new Case("expand-tx-flat", "POST", "/ValueSet/$expand", json, txExpand(false, 1)));
        cases.add(new Case("expand-tx-filter", "POST", "/ValueSet/$expand", json, txExpand(true, 1)));
        cases.add(new Case("expand-tx-many-includes", "POST", "/ValueSet/$expand", json, txExpand(false, 0)));
        cases.add(new Case("expand-tx-many-filtered-includes", "POST", "/ValueSet/$expand", json, txExpand(false, -1)));
        cases.add(new Case("expand-many-includes-of-icd", "POST", "/ValueSet/$expand", json, manyIncludesOf(
                "http://hl7.org/fhir/sid/icd-10-cm", null)));
        cases.add(new Case("expand-many-filtered-includes-of-icd", "POST", "/ValueSet/$expand", json, manyIncludesOf(
                "http://hl7.org/fhir/sid/icd-10-cm", "L57")));
        cases.add(new Case("expand-tx-deep-hierarchy", "POST", "/ValueSet/$expand", json, txDeepHierarchy()));
        cases.add(new Case("validate-code-tx-many-includes", "POST", "/ValueSet/$validate-code", json, txValidateCode()));
        // the engine route (tx-resource requests go to HL7's engine): at TxOperations.MAX_COMPOSE_RULES
        cases.add(new Case("expand-tx-max-rules", "POST", "/ValueSet/$expand", json, txRules(MAX_RULES, null)));
        cases.add(new Case("validate-code-tx-max-rules", "POST", "/ValueSet/$validate-code", json,
                txValidate(txRules(MAX_RULES, null))));
        cases.add(new Case("expand-max-rules-of-icd", "POST", "/ValueSet/$expand", json, rulesOf(ICD, MAX_RULES, null)));
        cases.add(new Case("expand-max-rules-isa-of-icd", "POST", "/ValueSet/$expand", json, rulesOf(ICD, MAX_RULES, "L57")));
        cases.add(new Case("expand-tx-import-chain", "POST", "/ValueSet/$expand", json, importChain(MAX_RULES / 4, 2)));
        cases.add(new Case("expand-tx-import-deepest", "POST", "/ValueSet/$expand", json, importChain(MAX_RULES / 2, 1)));
        // at EngineCost.MAX_ENTRIES (16,000): the request's concept entries plus those its value set walks
        cases.add(new Case("expand-tx-budget-one-include", "POST", "/ValueSet/$expand", json, txRules(1, null, 8_000)));
        cases.add(new Case("expand-tx-budget-7-includes", "POST", "/ValueSet/$expand", json, txRules(7, null, 2_000)));
        cases.add(new Case("validate-code-tx-budget-7-includes", "POST", "/ValueSet/$validate-code", json,
                txValidate(txRules(7, null, 2_000)).replace("c9999", "c1999")));
        cases.add(new Case("expand-budget-2-includes-of-icd", "POST", "/ValueSet/$expand", json, rulesOf(ICD, 2, null)));
        cases.add(new Case("expand-tx-budget-import-chain", "POST", "/ValueSet/$expand", json, importChain(4, 1, 2_000)));
        // $batch-validate-code: at most 100 entries, each a $validate-code in one engine session (or on our content)
        cases.add(new Case("batch-validate-code-tx-budget", "POST", "/ValueSet/$batch-validate-code", json,
                batch(txRules(7, null, 2_000).replace("{\"name\":\"count\",\"valueInteger\":" + MAX_COUNT + "},", ""),
                        "http://example.org/cs/big", "c", 100)));
        cases.add(new Case("batch-validate-code-ours", "POST", "/ValueSet/$batch-validate-code", json,
                batch("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":"
                        + "\"http://dermcode.org/fhir/ValueSet/derm-diagnoses\"}]}", ICD, "L57.", 100)));
        // regex filters after RegexFilters' bound: nested quantifiers over every code of an 8,000-concept system
        cases.add(new Case("expand-tx-regex-none", "POST", "/ValueSet/$expand", json, txRules(1, "((c|\\\\d)+)+!", 8_000)));
        cases.add(new Case("expand-tx-regex-some", "POST", "/ValueSet/$expand", json, txRules(1, "((c|\\\\d)+)+99", 8_000)));
        // codes of 21 characters: java.util.regex spends RegexFilters' whole budget on the first one, RE2/J does the rest
        cases.add(new Case("expand-tx-regex-budget-spent", "POST", "/ValueSet/$expand", json,
                txRules(1, "((c|\\\\d)+)+!", 8_000).replace("\"code\":\"c", "\"code\":\"c00000000000000000000")));
        cases.add(new Case("expand-tx-regex-max-rules", "POST", "/ValueSet/$expand", json,
                txRules(MAX_RULES, "((c|\\\\d)+)+!")));
        cases.add(new Case("validate-code-tx-regex", "POST", "/ValueSet/$validate-code", json,
                txValidate(txRules(1, "((c|\\\\d)+)+99", 8_000)).replace("c9999", "c7999")));
        return cases;
    }

    static List<String> exampleClaims() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("examples", "claims"))) {
            List<String> claims = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                if (file.toString().endsWith(".json") && !file.getFileName().toString().equals("manifest.json")) {
                    claims.add(Files.readString(file));
                }
            }
            return claims;
        }
    }

    static final String[] PROCEDURES = {"11102", "11104", "17000", "17003", "17311", "17312", "11402", "11602",
            "96567", "88305", "11300", "12032", "13101", "10060", "17110"};
    static final String[] MODIFIERS = {"25", "59", "XS", "XE", "XP", "XU", "RT", "LT", "76", "77", "51", "GA", "GY",
            "GZ", "KX", "22", "52", "53", "78", "79", "80", "82", "24", "57", "58"};
    static final String[] DIAGNOSES = {"L82.1", "L57.0", "C44.311", "D48.5", "L40.0", "C43.9", "D22.5", "L72.0",
            "L70.0", "L98.8", "R23.8", "Z85.828"};

    /** A claim at every count limit: items, modifiers on each item, diagnoses. */
    static String largestClaim(int items, int modifiers, int diagnoses) {
        StringBuilder b = new StringBuilder(claimHead("largest"));
        b.append(",\"diagnosis\":[");
        for (int d = 1; d <= diagnoses; d++) {
            b.append(d > 1 ? "," : "").append("{\"sequence\":").append(d).append(",\"diagnosisCodeableConcept\":{\"coding\":[{\"system\":\"")
                    .append(ICD).append("\",\"code\":\"").append(DIAGNOSES[d % DIAGNOSES.length]).append("\"}]}}");
        }
        b.append("],\"item\":[");
        for (int i = 1; i <= items; i++) {
            b.append(i > 1 ? "," : "").append("{\"sequence\":").append(i).append(",\"careTeamSequence\":[1],\"diagnosisSequence\":[")
                    .append(1 + i % diagnoses).append(",").append(1 + (i + 1) % diagnoses).append(",")
                    .append(1 + (i + 2) % diagnoses).append(",").append(1 + (i + 3) % diagnoses)
                    .append("],\"productOrService\":{\"coding\":[{\"system\":\"").append(CPT).append("\",\"code\":\"")
                    .append(PROCEDURES[i % PROCEDURES.length]).append("\"}]},\"modifier\":[");
            for (int m = 0; m < modifiers; m++) {
                b.append(m > 0 ? "," : "").append("{\"coding\":[{\"system\":\"").append(CPT).append("\",\"code\":\"")
                        .append(MODIFIERS[(i + m) % MODIFIERS.length]).append("\"}]}");
            }
            b.append("],\"servicedDate\":\"2026-11-").append(10 + i % 18)
                    .append("\",\"quantity\":{\"value\":").append(1 + i % 3).append("},\"net\":{\"value\":120.5,\"currency\":\"USD\"}}");
        }
        return b.append("]}").toString();
    }

    static String largestClaimXml(int items, int modifiers, int diagnoses) {
        StringBuilder b = new StringBuilder("<Claim xmlns=\"http://hl7.org/fhir\"><id value=\"largest-xml\"/>"
                + "<status value=\"active\"/><type><coding><system value=\"http://terminology.hl7.org/CodeSystem/claim-type\"/>"
                + "<code value=\"professional\"/></coding></type><use value=\"claim\"/><patient><reference value=\"Patient/p1\"/>"
                + "</patient><created value=\"2026-11-30\"/><provider><reference value=\"Practitioner/d1\"/></provider>"
                + "<priority><coding><code value=\"normal\"/></coding></priority><careTeam><sequence value=\"1\"/><provider>"
                + "<reference value=\"Practitioner/d1\"/></provider></careTeam>");
        for (int d = 1; d <= diagnoses; d++) {
            b.append("<diagnosis><sequence value=\"").append(d).append("\"/><diagnosisCodeableConcept><coding><system value=\"")
                    .append(ICD).append("\"/><code value=\"").append(DIAGNOSES[d % DIAGNOSES.length])
                    .append("\"/></coding></diagnosisCodeableConcept></diagnosis>");
        }
        b.append("<insurance><sequence value=\"1\"/><focal value=\"true\"/><coverage><reference value=\"Coverage/c1\"/>"
                + "</coverage></insurance>");
        for (int i = 1; i <= items; i++) {
            b.append("<item><sequence value=\"").append(i).append("\"/><careTeamSequence value=\"1\"/><diagnosisSequence value=\"")
                    .append(1 + i % diagnoses).append("\"/><productOrService><coding><system value=\"").append(CPT)
                    .append("\"/><code value=\"").append(PROCEDURES[i % PROCEDURES.length]).append("\"/></coding></productOrService>");
            for (int m = 0; m < modifiers; m++) {
                b.append("<modifier><coding><system value=\"").append(CPT).append("\"/><code value=\"")
                        .append(MODIFIERS[(i + m) % MODIFIERS.length]).append("\"/></coding></modifier>");
            }
            b.append("<servicedDate value=\"2026-11-").append(10 + i % 18).append("\"/><quantity><value value=\"1\"/></quantity></item>");
        }
        return b.append("</Claim>").toString();
    }

    static String claimHead(String id) {
        return "{\"resourceType\":\"Claim\",\"id\":\"" + id + "\",\"status\":\"active\",\"type\":{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/claim-type\",\"code\":\"professional\"}]},\"use\":\"claim\","
                + "\"patient\":{\"reference\":\"Patient/p1\"},\"created\":\"2026-11-30\",\"provider\":{\"reference\":"
                + "\"Practitioner/d1\"},\"priority\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
                + "processpriority\",\"code\":\"normal\"}]},\"careTeam\":[{\"sequence\":1,\"provider\":{\"reference\":"
                + "\"Practitioner/d1\"}}],\"insurance\":[{\"sequence\":1,\"focal\":true,\"coverage\":{\"reference\":\"Coverage/c1\"}}]";
    }

    /** Extensions nested as deep as the JSON depth limit allows (each level is an array and an object). */
    static String deepClaim() {
        int levels = (MAX_JSON_DEPTH - 4) / 2;
        StringBuilder nested = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            nested.append("{\"url\":\"http://example.org/fhir/StructureDefinition/nested-").append(i).append("\",\"extension\":[");
        }
        nested.append("{\"url\":\"http://example.org/leaf\",\"valueString\":\"x\"}");
        for (int i = 0; i < levels; i++) {
            nested.append("]}");
        }
        return claimHead("deepest") + ",\"extension\":[" + nested + "],\"diagnosis\":[{\"sequence\":1,"
                + "\"diagnosisCodeableConcept\":{\"coding\":[{\"system\":\"" + ICD + "\",\"code\":\"L82.1\"}]}}],"
                + "\"item\":[{\"sequence\":1,\"diagnosisSequence\":[1],\"productOrService\":{\"coding\":[{\"system\":\"" + CPT
                + "\",\"code\":\"11102\"}]},\"servicedDate\":\"2026-11-20\",\"quantity\":{\"value\":1}}]}";
    }

    /** XML has no depth limit of ours: nested extensions as deep as the XML parser accepts. */
    static String deepClaimXml(int levels) {
        StringBuilder b = new StringBuilder("<Claim xmlns=\"http://hl7.org/fhir\"><id value=\"deep-xml\"/>");
        for (int i = 0; i < levels; i++) {
            b.append("<extension url=\"http://example.org/fhir/StructureDefinition/nested-").append(i).append("\">");
        }
        b.append("<extension url=\"http://example.org/leaf\"><valueString value=\"x\"/></extension>");
        for (int i = 0; i < levels; i++) {
            b.append("</extension>");
        }
        return b.append("<status value=\"active\"/><use value=\"claim\"/><patient><reference value=\"Patient/p1\"/></patient>"
                + "<created value=\"2026-11-30\"/></Claim>").toString();
    }

    /** A Bundle of {@code claims} claims of {@code items} items each, every other count at its limit. */
    static String bundle(int claims, int items) {
        String claim = largestClaim(items, MAX_MODIFIERS, MAX_DIAGNOSES);
        StringBuilder b = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        for (int n = 0; n < claims; n++) {
            b.append(n > 0 ? "," : "").append("{\"resource\":").append(claim.replace("\"id\":\"largest\"",
                    "\"id\":\"largest-" + n + "\"")).append("}");
        }
        System.out.println("CASE bundle claims=" + claims + " items=" + items);
        return b.append("]}").toString();
    }

    /** A client CodeSystem filling most of the body: flat concepts with a display. */
    static String txCodeSystem(int concepts) {
        StringBuilder b = new StringBuilder("{\"resourceType\":\"CodeSystem\",\"url\":\"http://example.org/cs/big\","
                + "\"status\":\"active\",\"content\":\"complete\",\"concept\":[");
        for (int i = 0; i < concepts; i++) {
            b.append(i > 0 ? "," : "").append("{\"code\":\"c").append(i).append("\",\"display\":\"Concept number ")
                    .append(i).append(" of a large client code system\"}");
        }
        return b.append("]}").toString();
    }

    /**
     * $expand of a client ValueSet over a client CodeSystem. includes = 1: one include of the whole
     * system (with a filter if asked); includes = 0: as many whole-system includes as the body holds;
     * includes = -1: as many includes with an is-a filter (matching one concept) as the body holds.
     */
    static String txExpand(boolean filter, int includes) {
        int concepts = includes == 1 ? (MAX_BODY - 4096) / 90 : 10_000;
        String codeSystem = txCodeSystem(concepts);
        StringBuilder compose = new StringBuilder();
        if (includes == 1) {
            compose.append("{\"system\":\"http://example.org/cs/big\"}");
        } else {
            String include = includes == 0 ? "{\"system\":\"http://example.org/cs/big\"}"
                    : "{\"system\":\"http://example.org/cs/big\",\"filter\":[{\"property\":\"concept\",\"op\":\"is-a\","
                    + "\"value\":\"c1\"}]}";
            int n = 0;
            while (codeSystem.length() + compose.length() + include.length() + 1024 < MAX_BODY) {
                compose.append(n++ > 0 ? "," : "").append(include);
            }
            System.out.println("CASE includes=" + n + " concepts=" + concepts);
        }
        String valueSet = "{\"resourceType\":\"ValueSet\",\"url\":\"http://example.org/vs/big\",\"status\":\"active\","
                + "\"compose\":{\"include\":[" + compose + "]}}";
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":\"http://example.org/vs/big\"},"
                + (filter ? "{\"name\":\"filter\",\"valueString\":\"large client\"}," : "")
                + "{\"name\":\"count\",\"valueInteger\":" + MAX_COUNT + "},"
                + "{\"name\":\"tx-resource\",\"resource\":" + codeSystem + "},"
                + "{\"name\":\"tx-resource\",\"resource\":" + valueSet + "}]}";
    }

    /** A client ValueSet of as many includes of a hosted code system as the body holds (whole, or is-a a code). */
    static String manyIncludesOf(String system, String isA) {
        String include = "{\"system\":\"" + system + "\"" + (isA == null ? "" : ",\"filter\":[{\"property\":\"concept\","
                + "\"op\":\"is-a\",\"value\":\"" + isA + "\"}]") + "}";
        StringBuilder compose = new StringBuilder();
        int n = 0;
        while (compose.length() + include.length() + 1024 < MAX_BODY) {
            compose.append(n++ > 0 ? "," : "").append(include);
        }
        System.out.println("CASE includes of " + system + "=" + n);
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":\"http://example.org/vs/many\"},"
                + "{\"name\":\"count\",\"valueInteger\":" + MAX_COUNT + "},{\"name\":\"tx-resource\",\"resource\":"
                + "{\"resourceType\":\"ValueSet\",\"url\":\"http://example.org/vs/many\",\"status\":\"active\","
                + "\"compose\":{\"include\":[" + compose + "]}}}]}";
    }

    /** Siblings at each level of the deep code system: 80 keep it (about 7,700 concepts) within EngineCost's budget. */
    static final int SIBLINGS = Integer.getInteger("siblings", 80);

    /** A client CodeSystem whose concepts nest as deep as JSON allows, expanded by an is-a filter on the root. */
    static String txDeepHierarchy() {
        int levels = (MAX_JSON_DEPTH - 10) / 2;
        StringBuilder concept = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            concept.append("{\"code\":\"d").append(i).append("\",\"concept\":[");
            // siblings at each level make the tree wide as well as deep
            for (int s = 0; s < SIBLINGS; s++) {
                concept.append("{\"code\":\"d").append(i).append("-").append(s).append("\"},");
            }
        }
        concept.append("{\"code\":\"leaf\"}");
        for (int i = 0; i < levels; i++) {
            concept.append("]}");
        }
        String codeSystem = "{\"resourceType\":\"CodeSystem\",\"url\":\"http://example.org/cs/deep\",\"status\":\"active\","
                + "\"content\":\"complete\",\"hierarchyMeaning\":\"is-a\",\"concept\":[" + concept + "]}";
        String valueSet = "{\"resourceType\":\"ValueSet\",\"url\":\"http://example.org/vs/deep\",\"status\":\"active\","
                + "\"compose\":{\"include\":[{\"system\":\"http://example.org/cs/deep\",\"filter\":[{\"property\":\"concept\","
                + "\"op\":\"is-a\",\"value\":\"d0\"}]}]}}";
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":\"http://example.org/vs/deep\"},"
                + "{\"name\":\"count\",\"valueInteger\":" + MAX_COUNT + "},"
                + "{\"name\":\"tx-resource\",\"resource\":" + codeSystem + "},"
                + "{\"name\":\"tx-resource\",\"resource\":" + valueSet + "}]}";
    }

    static final int MAX_RULES = Integer.getInteger("maxRules", 200);

    /**
     * $expand of a client ValueSet of {@code rules} includes of the whole 10,000-concept client
     * CodeSystem, each with a regex filter on the code if {@code regex} is given.
     */
    static String txRules(int rules, String regex) {
        return txRules(rules, regex, 10_000);
    }

    static String txRules(int rules, String regex, int concepts) {
        String codeSystem = txCodeSystem(concepts);
        String include = "{\"system\":\"http://example.org/cs/big\"" + (regex == null ? ""
                : ",\"filter\":[{\"property\":\"code\",\"op\":\"regex\",\"value\":\"" + regex + "\"}]") + "}";
        String valueSet = "{\"resourceType\":\"ValueSet\",\"url\":\"http://example.org/vs/big\",\"status\":\"active\","
                + "\"compose\":{\"include\":[" + String.join(",", java.util.Collections.nCopies(rules, include)) + "]}}";
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":\"http://example.org/vs/big\"},"
                + "{\"name\":\"count\",\"valueInteger\":" + MAX_COUNT + "},"
                + "{\"name\":\"tx-resource\",\"resource\":" + codeSystem + "},"
                + "{\"name\":\"tx-resource\",\"resource\":" + valueSet + "}]}";
    }

    /** The same request as $validate-code of the last code (c9999, or a near miss of the regex). */
    static String txValidate(String expand) {
        return expand.replace("{\"name\":\"count\",\"valueInteger\":" + MAX_COUNT + "},",
                "{\"name\":\"system\",\"valueUri\":\"http://example.org/cs/big\"},{\"name\":\"code\",\"valueCode\":\"c9999\"},");
    }

    /** A client ValueSet of {@code rules} includes of a hosted code system (whole, or is-a a code). */
    static String rulesOf(String system, int rules, String isA) {
        String include = "{\"system\":\"" + system + "\"" + (isA == null ? "" : ",\"filter\":[{\"property\":\"concept\","
                + "\"op\":\"is-a\",\"value\":\"" + isA + "\"}]") + "}";
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":\"http://example.org/vs/many\"},"
                + "{\"name\":\"count\",\"valueInteger\":" + MAX_COUNT + "},{\"name\":\"tx-resource\",\"resource\":"
                + "{\"resourceType\":\"ValueSet\",\"url\":\"http://example.org/vs/many\",\"status\":\"active\","
                + "\"compose\":{\"include\":[" + String.join(",", java.util.Collections.nCopies(rules, include)) + "]}}}]}";
    }

    /**
     * Value sets importing value sets: {@code levels} client ValueSets, each importing the next
     * {@code fanOut} times (one include each), the last including the 10,000-concept client system.
     * With a fan-out of 2 the imports form a chain of diamonds: 2^levels paths to the last one.
     */
    static String importChain(int levels, int fanOut) {
        return importChain(levels, fanOut, 10_000);
    }

    static String importChain(int levels, int fanOut, int concepts) {
        StringBuilder b = new StringBuilder("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\","
                + "\"valueUri\":\"http://example.org/vs/chain-0\"},{\"name\":\"count\",\"valueInteger\":" + MAX_COUNT + "},"
                + "{\"name\":\"tx-resource\",\"resource\":" + txCodeSystem(concepts) + "}");
        for (int i = 0; i < levels; i++) {
            String include = i == levels - 1 ? "{\"system\":\"http://example.org/cs/big\"}"
                    : "{\"valueSet\":[\"http://example.org/vs/chain-" + (i + 1) + "\"]}";
            b.append(",{\"name\":\"tx-resource\",\"resource\":{\"resourceType\":\"ValueSet\",\"url\":"
                    + "\"http://example.org/vs/chain-").append(i).append("\",\"status\":\"active\",\"compose\":{\"include\":[")
                    .append(String.join(",", java.util.Collections.nCopies(i == levels - 1 ? 1 : fanOut, include)))
                    .append("]}}}");
        }
        return b.append("]}").toString();
    }

    /** The request plus {@code entries} 'validation' entries of {@code prefix}0, {@code prefix}1... in {@code system}. */
    static String batch(String request, String system, String prefix, int entries) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < entries; i++) {
            b.append(",{\"name\":\"validation\",\"resource\":{\"resourceType\":\"Parameters\",\"parameter\":["
                    + "{\"name\":\"system\",\"valueUri\":\"").append(system).append("\"},{\"name\":\"code\",\"valueCode\":\"")
                    .append(prefix).append(i * 17 % 1000).append("\"}]}}");
        }
        return request.substring(0, request.length() - 2) + b + "]}";
    }

    static String txValidateCode() {
        String expand = txExpand(false, 0);
        return expand.replace("{\"name\":\"count\",\"valueInteger\":" + MAX_COUNT + "},",
                "{\"name\":\"system\",\"valueUri\":\"http://example.org/cs/big\"},{\"name\":\"code\",\"valueCode\":\"c9999\"},");
    }
}
