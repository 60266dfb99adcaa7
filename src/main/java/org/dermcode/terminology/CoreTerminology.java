package org.dermcode.terminology;

import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The FHIR R4 core code systems and value sets ({@code administrative-gender},
 * {@code publication-status}, the v2 and v3 tables HAPI bundles), the ones a FHIR client expects
 * any terminology server to know. They come from HAPI's bundled definitions
 * ({@code DefaultProfileValidationSupport}, the instance the claim profile validator already holds,
 * which loads them once on its first use: the validator's warm-up does) and are looked up only when
 * a request names one that neither the request nor our content has. Nothing is converted or kept
 * at start-up; the engine gets an R5 copy of each one it needs, for that request only
 * (docs/terminology-model.md).
 */
public final class CoreTerminology {

    /** No core content (unit tests that do not need it). */
    public static final CoreTerminology NONE = new CoreTerminology(null);

    private final IValidationSupport definitions;

    /** {@code definitions}: HAPI's R4 core definitions, or null for none. */
    public CoreTerminology(IValidationSupport definitions) {
        this.definitions = definitions;
    }

    /** The core code system with this url (a {@code |version} is ignored: the core has one version). */
    Optional<CodeSystem> codeSystem(String canonical) {
        String url = withoutVersion(canonical);
        if (definitions == null || url == null || !isCoreUrl(url)) {
            return Optional.empty();
        }
        return Optional.ofNullable(definitions.fetchCodeSystem(url)).filter(CodeSystem.class::isInstance)
                .map(CodeSystem.class::cast);
    }

    /** The core value set with this url (a {@code |version} is ignored). */
    Optional<ValueSet> valueSet(String canonical) {
        String url = withoutVersion(canonical);
        if (definitions == null || url == null || !isCoreUrl(url)) {
            return Optional.empty();
        }
        return Optional.ofNullable(definitions.fetchValueSet(url)).filter(ValueSet.class::isInstance)
                .map(ValueSet.class::cast);
    }

    /** HL7's namespaces: only these are looked up (a CPT or client url never reaches HAPI's tables). */
    static boolean isCoreUrl(String url) {
        return url.startsWith("http://hl7.org/fhir/") || url.startsWith("http://terminology.hl7.org/");
    }

    private static String withoutVersion(String canonical) {
        if (canonical == null || canonical.isBlank()) {
            return null;
        }
        int bar = canonical.indexOf('|');
        return bar >= 0 ? canonical.substring(0, bar) : canonical;
    }
}
