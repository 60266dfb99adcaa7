package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r5.model.Enumerations;
import org.hl7.fhir.r5.model.Parameters.ParametersParameterComponent;

/**
 * The {@code regex} filters of a request's own value sets, made safe before HL7's engine sees them.
 *
 * <p>The engine tests a regex filter with {@code String.matches} on each code (or property value)
 * of the code system, with no bound: a pattern with nested quantifiers such as {@code ((a+)+)+}
 * backtracks exponentially on a code that almost matches (the tx-ecosystem test
 * {@code regex-bad/expand-regex-bad-2} kept two cores busy for minutes). So before the engine
 * runs, every regex filter of the request is evaluated here against every string the engine could
 * test it on (the codes, or the property values, of every code system the request and we hold
 * under the include's url, and the request's own codes):
 * <ul>
 *   <li>with {@code java.util.regex}, counting the characters the matcher reads: at most
 *       {@value #STEP_BUDGET} for the request (about a quarter of a second);</li>
 *   <li>a string that budget does not cover (or that overflows the matcher's stack) is tested with
 *       RE2/J, which runs in time linear in the pattern and the string, without backtracking.</li>
 * </ul>
 * A filter whose Java evaluation was cheap (within {@value #KEEP_BUDGET} characters read, for all
 * filters kept) goes to the engine as it is: the engine repeats the same cheap work. Any other
 * filter's value is replaced by the matching strings, quoted and joined with {@code |} (or a
 * pattern that matches nothing), which gives the engine the same answer on every string it can
 * test, at linear cost; {@link #restore} puts the client's pattern back into the answer. A filter
 * neither can evaluate within its bounds (a back-reference or look-around that backtracks past
 * the budget, a pattern longer than {@value #MAX_PATTERN_LENGTH} characters) is refused with
 * {@link Refused}.
 */
final class RegexFilters {

    /** Characters java.util.regex may read, in all, while this class evaluates one request's filters. */
    static final long STEP_BUDGET = 10_000_000;
    /** Characters read by the filters left to the engine unchanged, in all (it evaluates them again). */
    static final long KEEP_BUDGET = 1_000_000;
    /** The engine's cost of the rewritten filters: strings tested times the replacement's length, in all. */
    static final long REWRITE_BUDGET = 20_000_000;
    /** RE2/J's cost: its program size (estimated from the pattern) times the characters it reads, in all. */
    static final long LINEAR_BUDGET = 50_000_000;
    static final int MAX_PATTERN_LENGTH = 1_000;
    /** A pattern that matches nothing, at once. */
    static final String NOTHING = "(?!)";

    private static final Pattern COUNTED = Pattern.compile("\\{(\\d{1,9})(?:,(\\d{0,9}))?}");

    /** A regex filter of one of the request's value sets. */
    private record Site(String system, String property, String pattern, Consumer<String> setValue) {
        boolean onCode() {
            return property == null || property.equals("code") || property.equals("concept");
        }
    }

    /** A regex filter this class could not evaluate within its bounds. */
    static final class Refused extends RuntimeException {
        private final String pattern;
        private final String subject;

        Refused(String pattern, String subject, String message) {
            super(message, null, false, false);
            this.pattern = pattern;
            this.subject = subject;
        }

        String pattern() {
            return pattern;
        }

        /** The string the pattern could not be evaluated against, or null. */
        String subject() {
            return subject;
        }
    }

    /** The request's filter values that were replaced: replacement to the client's pattern. */
    private final Map<String, String> replaced = new LinkedHashMap<>();
    private final List<IBaseResource> resources;
    /** The request's parameters; for a batch, the shared ones and every entry's. */
    private final List<org.hl7.fhir.r5.model.Parameters> parameterSets;
    private final TerminologyRepository repository;
    private long steps;
    private long kept;
    private long rewriteCost;
    private long linearCost;

    private RegexFilters(List<IBaseResource> resources, List<org.hl7.fhir.r5.model.Parameters> parameterSets,
            TerminologyRepository repository) {
        this.resources = resources;
        this.parameterSets = parameterSets;
        this.repository = repository;
    }

    /**
     * Evaluates the request's regex filters and rewrites those the engine could not evaluate
     * cheaply (in the request's resources, which the engine reads next).
     *
     * @throws Refused a filter that cannot be evaluated within the bounds
     * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException a pattern that is not a regex
     */
    static RegexFilters guard(TxRequest request, TerminologyRepository repository) {
        return guard(request, List.of(), repository);
    }

    /**
     * The same for a {@code $batch-validate-code}: the filters of the shared request and of every
     * entry's inline value set, over every string any entry may test them on (the entries' codes
     * among them), within one budget.
     */
    static RegexFilters guard(TxRequest shared, List<TxRequest> entries, TerminologyRepository repository) {
        List<org.hl7.fhir.r5.model.Parameters> parameterSets = new ArrayList<>();
        parameterSets.add(shared.parameters());
        for (TxRequest entry : entries) {
            parameterSets.add(entry.parameters());
        }
        RegexFilters filters = new RegexFilters(shared.resources(), parameterSets, repository);
        for (Site site : filters.sites()) {
            filters.evaluate(site);
        }
        return filters;
    }

    /** Puts the client's patterns back where the engine's answer echoes a rewritten filter. */
    void restore(org.hl7.fhir.r4.model.ValueSet answer) {
        if (replaced.isEmpty() || answer == null) {
            return;
        }
        for (List<ValueSet.ConceptSetComponent> sets : List.of(answer.getCompose().getInclude(),
                answer.getCompose().getExclude())) {
            for (ValueSet.ConceptSetComponent set : sets) {
                for (ValueSet.ConceptSetFilterComponent filter : set.getFilter()) {
                    String original = replaced.get(filter.getValue());
                    if (original != null && filter.getOp() == ValueSet.FilterOperator.REGEX) {
                        filter.setValue(original);
                    }
                }
            }
        }
    }

    boolean rewroteAny() {
        return !replaced.isEmpty();
    }

    private void evaluate(Site site) {
        if (site.pattern().length() > MAX_PATTERN_LENGTH) {
            throw new Refused(site.pattern(), null, "The regex filter '" + shortened(site.pattern()) + "' is longer than "
                    + MAX_PATTERN_LENGTH + " characters");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(site.pattern());
        } catch (PatternSyntaxException e) {
            throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException("The regex filter '"
                    + shortened(site.pattern()) + "' is not a valid regular expression: " + e.getDescription());
        } catch (StackOverflowError e) {
            throw new Refused(site.pattern(), null, "The regex filter '" + shortened(site.pattern())
                    + "' nests too deeply to be compiled");
        }
        Set<String> subjects = subjects(site);
        Set<String> matching = new LinkedHashSet<>();
        com.google.re2j.Pattern linear = null;
        long siteSteps = 0;
        boolean slow = false;
        long subjectChars = 0;
        for (String subject : subjects) {
            subjectChars += subject.length() + 1;
            Boolean matches = null;
            if (!slow) {
                CountingText text = new CountingText(subject, STEP_BUDGET - steps);
                try {
                    matches = pattern.matcher(text).matches();
                } catch (CountingText.Exhausted | StackOverflowError e) {
                    slow = true;
                }
                steps += text.reads;
                siteSteps += text.reads;
            }
            if (matches == null) {
                if (linear == null) {
                    linear = linear(site, subject);
                }
                linearCost += programSize(site.pattern()) * (subject.length() + 1L);
                if (linearCost > LINEAR_BUDGET) {
                    throw tookTooLong(site, subject);
                }
                matches = linear.matcher(subject).matches();
            }
            if (matches) {
                matching.add(subject);
            }
        }
        if (!slow && kept + siteSteps <= KEEP_BUDGET) {
            kept += siteSteps;
            return;
        }
        String replacement = matching.isEmpty() ? NOTHING
                : matching.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        rewriteCost += (long) subjects.size() * replacement.length() + subjectChars;
        if (rewriteCost > REWRITE_BUDGET) {
            throw tookTooLong(site, matching.isEmpty() ? subjects.iterator().next() : matching.iterator().next());
        }
        site.setValue().accept(replacement);
        replaced.put(replacement, site.pattern());
    }

    /** RE2/J's form of the pattern, for the strings java.util.regex could not test within the budget. */
    private static com.google.re2j.Pattern linear(Site site, String subject) {
        if (programSize(site.pattern()) > 100_000) {
            throw tookTooLong(site, subject);
        }
        try {
            return com.google.re2j.Pattern.compile(site.pattern());
        } catch (com.google.re2j.PatternSyntaxException e) {
            // back-references, look-around, possessive quantifiers: only a backtracking matcher has them
            throw tookTooLong(site, subject);
        }
    }

    /** An upper bound of RE2/J's program for the pattern: its length times its counted repetitions. */
    static long programSize(String pattern) {
        long size = pattern.length() + 1L;
        Matcher counted = COUNTED.matcher(pattern);
        while (counted.find()) {
            long count = Long.parseLong(counted.group(counted.group(2) == null || counted.group(2).isEmpty() ? 1 : 2));
            size = Math.min(Long.MAX_VALUE / 2, size * Math.max(1, count));
        }
        return size;
    }

    private static Refused tookTooLong(Site site, String subject) {
        return new Refused(site.pattern(), subject, "The regex filter '" + shortened(site.pattern())
                + "' took too long to evaluate against " + (site.onCode() ? "code" : "value") + " '"
                + shortened(subject) + "'");
    }

    static String shortened(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    // --- the filters and the strings they may be tested on

    private List<Site> sites() {
        List<Site> sites = new ArrayList<>();
        for (IBaseResource resource : resources) {
            if (resource instanceof ValueSet valueSet) {
                r4Sites(valueSet, sites);
            }
        }
        Set<org.hl7.fhir.r5.model.ValueSet> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (org.hl7.fhir.r5.model.Parameters parameters : parameterSets) {
            for (ParametersParameterComponent p : parameters.getParameter()) {
                if (p.getResource() instanceof org.hl7.fhir.r5.model.ValueSet valueSet && seen.add(valueSet)) {
                    r5Sites(valueSet, sites);
                }
            }
        }
        return sites;
    }

    private static void r4Sites(ValueSet valueSet, List<Site> sites) {
        for (List<ValueSet.ConceptSetComponent> sets : List.of(valueSet.getCompose().getInclude(),
                valueSet.getCompose().getExclude())) {
            for (ValueSet.ConceptSetComponent set : sets) {
                for (ValueSet.ConceptSetFilterComponent filter : set.getFilter()) {
                    if (filter.getOp() == ValueSet.FilterOperator.REGEX && filter.hasValue()) {
                        sites.add(new Site(set.getSystem(), filter.getProperty(), filter.getValue(), filter::setValue));
                    }
                }
            }
        }
        for (org.hl7.fhir.r4.model.Resource contained : valueSet.getContained()) {
            if (contained instanceof ValueSet inner) {
                r4Sites(inner, sites);
            }
        }
    }

    private static void r5Sites(org.hl7.fhir.r5.model.ValueSet valueSet, List<Site> sites) {
        for (List<org.hl7.fhir.r5.model.ValueSet.ConceptSetComponent> sets : List.of(valueSet.getCompose().getInclude(),
                valueSet.getCompose().getExclude())) {
            for (org.hl7.fhir.r5.model.ValueSet.ConceptSetComponent set : sets) {
                for (org.hl7.fhir.r5.model.ValueSet.ConceptSetFilterComponent filter : set.getFilter()) {
                    if (filter.getOp() == Enumerations.FilterOperator.REGEX && filter.hasValue()) {
                        sites.add(new Site(set.getSystem(), filter.getProperty(), filter.getValue(), filter::setValue));
                    }
                }
            }
        }
        for (org.hl7.fhir.r5.model.Resource contained : valueSet.getContained()) {
            if (contained instanceof org.hl7.fhir.r5.model.ValueSet inner) {
                r5Sites(inner, sites);
            }
        }
    }

    /**
     * Every string the engine may test the filter on: the codes (or the property values) of every
     * code system under the include's url (the request's, contained ones, supplements and ours),
     * and, for a filter on codes, the codes the request validates.
     */
    private Set<String> subjects(Site site) {
        Set<String> subjects = new LinkedHashSet<>();
        List<CodeSystem> systems = new ArrayList<>();
        for (IBaseResource resource : resources) {
            r4Systems(resource, systems);
        }
        for (CodeSystem ours : repository.all(CodeSystem.class)) {
            systems.add(ours);
        }
        for (CodeSystem system : systems) {
            if (about(system.getUrl(), site.system()) || about(system.getSupplements(), site.system())) {
                r4Concepts(system.getConcept(), site.onCode(), subjects);
            }
        }
        Set<org.hl7.fhir.r5.model.CodeSystem> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (org.hl7.fhir.r5.model.Parameters parameters : parameterSets) {
            for (ParametersParameterComponent p : parameters.getParameter()) {
                if (p.getResource() instanceof org.hl7.fhir.r5.model.CodeSystem system && seen.add(system)
                        && (about(system.getUrl(), site.system()) || about(system.getSupplements(), site.system()))) {
                    r5Concepts(system.getConcept(), site.onCode(), subjects);
                }
                if (site.onCode()) {
                    requestCodes(p, subjects);
                }
            }
        }
        return subjects;
    }

    private static boolean about(String canonical, String system) {
        if (canonical == null || system == null) {
            return false;
        }
        int bar = canonical.indexOf('|');
        return (bar < 0 ? canonical : canonical.substring(0, bar)).equals(system);
    }

    private static void r4Systems(IBaseResource resource, List<CodeSystem> systems) {
        if (resource instanceof CodeSystem system) {
            systems.add(system);
        }
        if (resource instanceof org.hl7.fhir.r4.model.DomainResource domain) {
            for (org.hl7.fhir.r4.model.Resource contained : domain.getContained()) {
                r4Systems(contained, systems);
            }
        }
    }

    private static void r4Concepts(List<CodeSystem.ConceptDefinitionComponent> concepts, boolean codes,
            Set<String> subjects) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            if (codes) {
                if (concept.hasCode()) {
                    subjects.add(concept.getCode());
                }
            } else {
                for (CodeSystem.ConceptPropertyComponent property : concept.getProperty()) {
                    if (property.hasValue() && property.getValue().isPrimitive()
                            && property.getValue().primitiveValue() != null) {
                        subjects.add(property.getValue().primitiveValue());
                    }
                }
            }
            r4Concepts(concept.getConcept(), codes, subjects);
        }
    }

    private static void r5Concepts(List<org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent> concepts,
            boolean codes, Set<String> subjects) {
        for (org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent concept : concepts) {
            if (codes) {
                if (concept.hasCode()) {
                    subjects.add(concept.getCode());
                }
            } else {
                for (org.hl7.fhir.r5.model.CodeSystem.ConceptPropertyComponent property : concept.getProperty()) {
                    if (property.hasValue() && property.getValue().isPrimitive()
                            && property.getValue().primitiveValue() != null) {
                        subjects.add(property.getValue().primitiveValue());
                    }
                }
            }
            r5Concepts(concept.getConcept(), codes, subjects);
        }
    }

    /** The codes of {@code code}, {@code coding} and {@code codeableConcept}. */
    private static void requestCodes(ParametersParameterComponent p, Set<String> subjects) {
        if (p.getValue() instanceof org.hl7.fhir.r5.model.Coding coding && coding.hasCode()) {
            subjects.add(coding.getCode());
        } else if (p.getValue() instanceof org.hl7.fhir.r5.model.CodeableConcept concept) {
            for (org.hl7.fhir.r5.model.Coding coding : concept.getCoding()) {
                if (coding.hasCode()) {
                    subjects.add(coding.getCode());
                }
            }
        } else if ("code".equals(p.getName()) && p.getValue() != null && p.getValue().primitiveValue() != null) {
            subjects.add(p.getValue().primitiveValue());
        }
    }

    /** A string whose reads are counted: a matcher that reads more than its budget is stopped. */
    static final class CountingText implements CharSequence {

        /** Thrown when the budget is spent; no stack trace (the matcher's recursion can be deep). */
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super("regex budget spent", null, false, false);
            }
        }

        private final String text;
        private final long budget;
        long reads;

        CountingText(String text, long budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (++reads > budget) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
