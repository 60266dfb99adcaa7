package org.dermcode.claim;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dermcode.rules.Finding;
import org.dermcode.rules.RuleCatalog;
import org.dermcode.terminology.DermcodeValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirDefaultPolicyAdvisor;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.elementmodel.Element;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.codesystem.CodingsObserver;
import org.hl7.fhir.validation.instance.InstanceValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a Claim against the {@code derm-claim} profile with HAPI's instance validator. The
 * validator and its support chain (base definitions, the server's own terminology and profiles,
 * common code systems) are built once; {@link #warmUp} makes the first, slow validation happen
 * at start-up instead of on a user's request.
 */
public final class ProfileValidator {

    public static final String PROFILE = "http://dermcode.org/fhir/StructureDefinition/derm-claim";
    static final String RULE_ID = "PROFILE";

    private static final Logger log = LoggerFactory.getLogger(ProfileValidator.class);
    private static final Pattern LINE = Pattern.compile("^Claim\\.item\\[(\\d+)]");
    /** A line or the whole claim: a rule pointing there says nothing about one element inside it. */
    private static final Pattern LINE_OR_CLAIM = Pattern.compile("^Claim(\\.item\\[\\d+])?$");
    private static final String MINIMUM = "Validation_VAL_Profile_Minimum";
    private static final String MAXIMUM = "Validation_VAL_Profile_Maximum";
    /** "Claim.item.modifier: max allowed = 4, ..." names the child element a cardinality message is about. */
    private static final Pattern CARDINALITY_ELEMENT = Pattern.compile("^[A-Za-z]+(?:\\.[A-Za-z]+)*\\.([A-Za-z]+)(?:\\[x])?:");
    /** A validator message nested in another's text: "ValidationMessage[level=...,location=...,message=...]". */
    private static final Pattern NESTED = Pattern.compile(
            "ValidationMessage\\[level=\\w+,type=\\w+,location=([^,]*),message=(.*?)](?=, ValidationMessage\\[|]$)");
    private static final String NESTED_START = " Issues: [ValidationMessage[";
    /** Messages that are advice about authoring resources, not about the claim's content. */
    private static final Set<String> IGNORED = Set.of("Validation_VAL_Profile_Unknown_NotPolicy");

    private final FhirContext fhirContext;
    private final DermcodeValidationSupport terminology;
    private final WorkerContextValidationSupportAdapter workerContext;
    /** A validator is replaced after this many claims, whatever it may still hold on to. */
    static final int USES_PER_VALIDATOR = 500;
    /**
     * Where an InstanceValidator keeps what it has validated for its whole life: the resources
     * (keyed by their element trees) and, in its CodingsObserver, every coding it has seen (each
     * with its element stack). Emptied after each claim so a reused validator holds no claim data.
     */
    private static final List<Field> PER_RESOURCE_STATE = fields(InstanceValidator.class, "resourceTracker",
            "xhtmlElementMap", "fetchCache", "codingObserver");
    private static final List<Field> OBSERVED_CODINGS = fields(CodingsObserver.class, "list");

    private final BlockingQueue<PooledValidator> idle;
    private final Semaphore slots;
    private final String ruleName;
    private final boolean invariants;
    private final DefaultProfileValidationSupport coreDefinitions;
    private volatile List<StructureDefinition> profiles;
    private final LongAdder jsonFallbacks = new LongAdder();

    public ProfileValidator(FhirContext fhirContext, DermcodeValidationSupport terminology, RuleCatalog catalog) {
        this(fhirContext, terminology, catalog, false);
    }

    /** {@code invariants}: also evaluate the FHIRPath constraints of the profile and the base types (slower). */
    public ProfileValidator(FhirContext fhirContext, DermcodeValidationSupport terminology, RuleCatalog catalog,
            boolean invariants) {
        this(fhirContext, terminology, catalog, invariants, new BaseDefinitionsSupport(fhirContext));
    }

    /**
     * {@code coreDefinitions}: HAPI's R4 core definitions; {@link BaseDefinitionsSupport} in
     * production, HAPI's own {@link DefaultProfileValidationSupport} in the test that shows both
     * give the same findings.
     */
    ProfileValidator(FhirContext fhirContext, DermcodeValidationSupport terminology, RuleCatalog catalog,
            boolean invariants, DefaultProfileValidationSupport coreDefinitions) {
        this.fhirContext = fhirContext;
        this.invariants = invariants;
        this.coreDefinitions = coreDefinitions;
        ValidationSupportChain chain = new ValidationSupportChain(
                coreDefinitions,
                terminology,
                new CommonCodeSystemsTerminologyService(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new SnapshotGeneratingValidationSupport(fhirContext));
        this.terminology = terminology;
        this.workerContext = new CachingWorkerContext(terminology.inFrontOf(chain));
        int poolSize = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.idle = new ArrayBlockingQueue<>(poolSize);
        this.slots = new Semaphore(poolSize);
        this.ruleName = catalog.get(RULE_ID).name();
    }

    /**
     * HAPI's R4 core definitions this validator uses (StructureDefinitions, and the core CodeSystems
     * and ValueSets, which HAPI loads on their first use), for others to share rather than load again.
     */
    public ca.uhn.fhir.context.support.IValidationSupport coreDefinitions() {
        return coreDefinitions;
    }

    /**
     * HAPI's FhirInstanceValidator builds a new InstanceValidator for every resource, and its
     * constructor alone (OID tables, extension manager) costs more than the validation of a claim.
     * A small pool of them, reused, gives the same messages at a fraction of the cost. The pool has
     * one validator per core: validation is CPU-bound, and each validator holds tens of megabytes,
     * so one per request thread (up to 200) would exhaust a small heap.
     */
    private InstanceValidator newValidator() {
        InstanceValidator validator = new InstanceValidator(workerContext,
                new FhirInstanceValidator.NullEvaluationContext(), new XVerExtensionManagerOld(workerContext),
                new ValidatorSession(), new ValidatorSettings());
        validator.setAssumeValidRestReferences(true);
        validator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
        validator.setAnyExtensionsAllowed(true);
        validator.setResourceIdRule(IdStatus.OPTIONAL);
        validator.setNoTerminologyChecks(false);
        validator.setErrorForUnknownProfiles(true);
        validator.setUnknownCodeSystemsCauseErrors(true);
        validator.setPolicyAdvisor(new FhirDefaultPolicyAdvisor());
        validator.setAllowExamples(false);
        validator.setAllowXsiLocation(true);
        // The FHIRPath invariants (ele-1 on every element, dom-*, and our derm-1/derm-2) cost about a
        // quarter of a validation; derm-1 and derm-2 say what DATE-MISSING and DX-SYSTEM already say
        // with a line number and a fix, and a parsed claim always satisfies ele-1.
        validator.setNoInvariantChecks(!invariants);
        return validator;
    }

    private List<StructureDefinition> profiles() {
        List<StructureDefinition> result = profiles;
        if (result == null) {
            StructureDefinition profile = workerContext.fetchResource(StructureDefinition.class, PROFILE);
            if (profile == null) {
                throw new IllegalStateException("The profile " + PROFILE + " is not loaded");
            }
            result = List.of(profile);
            profiles = result;
        }
        return result;
    }

    public List<Finding> validate(Claim claim) {
        return findings(claim, false, List.of());
    }

    /**
     * The profile findings that add something to {@code ruleFindings}: a finding at an element a
     * coding rule already reports (the same element, or one inside the other) restates the rule in
     * the validator's words and is dropped (MOD-UNKNOWN and a binding message at the same modifier,
     * MOD-LIMIT and "max allowed = 4" for the line's modifiers, SEQ-DX-MISSING and "minimum required
     * = 1" for its diagnosisSequence).
     */
    public List<Finding> validate(Claim claim, List<Finding> ruleFindings) {
        return findings(claim, false, ruleFindings);
    }

    /**
     * As {@link #validate(Claim, List)}, with the codes judged by the versions in force on the
     * claim's dates of service (valid when valid on one of them) instead of the newest: L29.8 is a
     * billable FY2024 code on a claim of June 2024, though a header from FY2025.
     */
    public List<Finding> validate(Claim claim, Collection<LocalDate> serviceDates, List<Finding> ruleFindings) {
        return terminology.onServiceDates(serviceDates, () -> findings(claim, false, ruleFindings));
    }

    /**
     * The JSON route the validator offers by itself: encode the Claim, let the validator parse it.
     * Same messages, three times the cost; kept for claims the element-model builder cannot take
     * and to check, in tests, that both routes agree.
     */
    List<Finding> validateAsJson(Claim claim) {
        return findings(claim, true, List.of());
    }

    private List<Finding> findings(Claim claim, boolean asJson, List<Finding> ruleFindings) {
        List<ValidationMessage> messages = new ArrayList<>();
        PooledValidator pooled = borrow();
        boolean healthy = true;
        try {
            Element element = asJson ? null : elementModel(pooled, claim, messages);
            if (element != null) {
                pooled.validator().validate(null, messages, null, element, new ArrayList<>(profiles()));
            } else {
                byte[] json = fhirContext.newJsonParser().encodeResourceToString(claim).getBytes(StandardCharsets.UTF_8);
                pooled.validator().validate(null, messages, new ByteArrayInputStream(json), Manager.FhirFormat.JSON,
                        profiles());
            }
        } catch (RuntimeException e) {
            // a validator failure must not lose the coding-rule findings; reported as one error
            log.warn("Profile validation failed for claim {}: {}", claim.getIdElement().getIdPart(),
                    e.getClass().getSimpleName());
            healthy = false;
            messages.clear();
            ValidationMessage failed = new ValidationMessage();
            failed.setLevel(ValidationMessage.IssueSeverity.ERROR);
            failed.setLocation("Claim");
            failed.setMessage("The profile validator could not process this claim");
            messages.add(failed);
        } finally {
            giveBack(pooled, healthy);
        }
        List<Finding> findings = new ArrayList<>();
        for (ValidationMessage message : messages) {
            if (message.getLevel() == ValidationMessage.IssueSeverity.INFORMATION
                    || (message.getMessageId() != null && IGNORED.contains(message.getMessageId()))) {
                continue;
            }
            String location = message.getLocation() == null ? "Claim" : message.getLocation();
            if (restated(message, location, ruleFindings)) {
                continue;
            }
            Matcher line = LINE.matcher(location);
            findings.add(new Finding(RULE_ID, ruleName, severity(message.getLevel()), IssueType.STRUCTURE,
                    line.find() ? Integer.parseInt(line.group(1)) : Finding.CLAIM_LEVEL, location,
                    "Profile derm-claim: " + plain(message.getMessage())
                            + (message.getMessageId() == null ? "" : " [" + message.getMessageId() + "]")));
        }
        return findings;
    }

    /** True when a rule finding is at the element the message is about (see {@link #validate(Claim, List)}). */
    private static boolean restated(ValidationMessage message, String location, List<Finding> ruleFindings) {
        if (ruleFindings.isEmpty()) {
            return false;
        }
        String id = message.getMessageId();
        boolean minimum = MINIMUM.equals(id);
        String element = location;
        if ((minimum || MAXIMUM.equals(id)) && message.getMessage() != null) {
            Matcher child = CARDINALITY_ELEMENT.matcher(message.getMessage());
            if (child.find()) {
                element = location + "." + child.group(1);
            }
        }
        for (Finding rule : ruleFindings) {
            String at = rule.expression();
            if (at == null || RULE_ID.equals(rule.ruleId())) {
                continue;
            }
            if (at.equals(element) || inside(at, element) || (inside(element, at) && !LINE_OR_CLAIM.matcher(at).matches())
                    || (minimum && at.equals(location))) {
                return true;
            }
        }
        return false;
    }

    private static boolean inside(String path, String element) {
        return path.length() > element.length() && path.startsWith(element)
                && (path.charAt(element.length()) == '.' || path.charAt(element.length()) == '[');
    }

    /**
     * The validator's text as plain sentences: messages nested in another's text come as Java
     * object text ("Issues: [ValidationMessage[level=ERROR,...]]") and an absent display as
     * "'null'"; both are rewritten.
     */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        String result = text.replace(", and display 'null'", "").replace(" and display 'null'", "");
        int nested = result.indexOf(NESTED_START);
        if (nested < 0) {
            return result;
        }
        String head = result.substring(0, nested);
        String issues = result.substring(nested + " Issues: [".length());
        List<String> parts = new ArrayList<>();
        Matcher m = NESTED.matcher(issues);
        while (m.find()) {
            parts.add(m.group(1) + ": " + m.group(2));
        }
        String joined = String.join("; ", parts);
        return parts.isEmpty() ? head : (head.endsWith(".") ? head.substring(0, head.length() - 1) : head) + ": " + joined;
    }

    /** The claim as the validator's element tree, or null (logged) if the builder cannot take it. */
    private Element elementModel(PooledValidator pooled, Claim claim, List<ValidationMessage> messages) {
        try {
            return pooled.elementModel().build(claim, messages);
        } catch (RuntimeException e) {
            messages.clear();
            jsonFallbacks.increment();
            log.debug("Claim {} goes through the JSON route: {}", claim.getIdElement().getIdPart(),
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /** A pooled validator, its element-model builder, and how many claims it has validated. */
    private record PooledValidator(InstanceValidator validator, R4ElementModel elementModel, int uses) {}

    /** An idle validator, a new one while the pool is not full, else waits for one. */
    private PooledValidator borrow() {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a profile validator", e);
        }
        PooledValidator pooled = idle.poll();
        return pooled != null ? pooled : new PooledValidator(newValidator(), new R4ElementModel(workerContext), 0);
    }

    /**
     * Returns a validator to the pool with its per-resource state emptied; one that failed, whose
     * state could not be emptied, or that has reached its use limit is dropped (a new one is made
     * when needed).
     */
    private void giveBack(PooledValidator pooled, boolean healthy) {
        try {
            if (healthy && pooled.uses() + 1 < USES_PER_VALIDATOR && forgetResources(pooled.validator())) {
                idle.offer(new PooledValidator(pooled.validator(), pooled.elementModel(), pooled.uses() + 1));
            }
        } finally {
            slots.release();
        }
    }

    private static boolean forgetResources(InstanceValidator validator) {
        if (PER_RESOURCE_STATE.isEmpty() || OBSERVED_CODINGS.isEmpty()) {
            return false;
        }
        try {
            for (Object state : perResourceState(validator)) {
                if (state instanceof Map<?, ?> map) {
                    map.clear();
                } else {
                    ((List<?>) state).clear();
                }
            }
            return true;
        } catch (IllegalAccessException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The maps and lists in which a validator keeps what it has seen (see {@link #PER_RESOURCE_STATE}). */
    private static List<Object> perResourceState(InstanceValidator validator) throws IllegalAccessException {
        List<Object> result = new ArrayList<>();
        for (Field field : PER_RESOURCE_STATE) {
            Object state = field.get(validator);
            if (state instanceof Map<?, ?>) {
                result.add(state);
            } else if (state instanceof CodingsObserver observer
                    && OBSERVED_CODINGS.get(0).get(observer) instanceof List<?> seen) {
                result.add(seen);
            }
        }
        return result;
    }

    /** The named fields, made accessible; none if this version of the validator lacks one. */
    private static List<Field> fields(Class<?> owner, String... names) {
        List<Field> result = new ArrayList<>();
        try {
            for (String name : names) {
                Field field = owner.getDeclaredField(name);
                field.setAccessible(true);
                result.add(field);
            }
            return List.copyOf(result);
        } catch (NoSuchFieldException | RuntimeException e) {
            log.warn("InstanceValidator internals differ from the expected version; validators are not reused");
            return List.of();
        }
    }

    /** How many claims the element-model builder could not take (they went the JSON route). */
    public long jsonFallbacks() {
        return jsonFallbacks.sum();
    }

    /** How many claims' worth of per-resource state the idle validators hold (for tests). */
    int retainedResources() {
        int total = 0;
        for (PooledValidator pooled : idle) {
            try {
                for (Object state : perResourceState(pooled.validator())) {
                    total += state instanceof Map<?, ?> map ? map.size() : ((List<?>) state).size();
                }
            } catch (IllegalAccessException e) {
                return -1;
            }
        }
        return total;
    }

    /** Runs one validation so that HAPI loads its definitions now rather than on the first request. */
    public void warmUp(Claim sample) {
        long start = System.nanoTime();
        validate(sample);
        log.info("Profile validator warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static IssueSeverity severity(ValidationMessage.IssueSeverity level) {
        return switch (level) {
            case FATAL -> IssueSeverity.FATAL;
            case ERROR -> IssueSeverity.ERROR;
            case WARNING -> IssueSeverity.WARNING;
            default -> IssueSeverity.INFORMATION;
        };
    }
}
