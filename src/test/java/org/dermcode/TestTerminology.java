package org.dermcode;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import org.dermcode.claim.ClaimViewFactory;
import org.dermcode.claim.ProfileValidator;
import org.dermcode.rules.CodeFactsRegistry;
import org.dermcode.knowledge.Knowledge;
import org.dermcode.rules.RuleCatalog;
import org.dermcode.terminology.CodeValidationService;
import org.dermcode.terminology.DermcodeValidationSupport;
import org.dermcode.terminology.ExpansionService;
import org.dermcode.terminology.ReleaseVersions;
import org.dermcode.terminology.TerminologyLoader;
import org.dermcode.terminology.TerminologyRepository;

/** The committed terminology and rule data, loaded once for the plain (non-Spring) tests. */
public final class TestTerminology {

    public static final FhirContext FHIR = FhirContext.forR4Cached();
    public static final TerminologyRepository REPOSITORY =
            new TerminologyLoader(FHIR).load(Path.of("terminology"), Path.of("profiles"));
    public static final Knowledge KNOWLEDGE = Knowledge.load(Path.of("rules"));
    public static final ExpansionService EXPANSIONS = new ExpansionService(REPOSITORY, 100,
            new ReleaseVersions(KNOWLEDGE));
    public static final CodeFactsRegistry FACTS = new CodeFactsRegistry(REPOSITORY, EXPANSIONS, KNOWLEDGE);
    public static final RuleCatalog CATALOG = new RuleCatalog(REPOSITORY);
    public static final ClaimViewFactory VIEWS = new ClaimViewFactory(FACTS);

    private TestTerminology() {}

    /** The server's terminology as the profile validator sees it. */
    public static DermcodeValidationSupport newValidationSupport() {
        return new DermcodeValidationSupport(FHIR, REPOSITORY, new CodeValidationService(EXPANSIONS));
    }

    /** One profile validator for all plain tests (built on first use; its first validation is slow). */
    public static ProfileValidator profileValidator() {
        return ProfileHolder.VALIDATOR;
    }

    private static final class ProfileHolder {
        static final ProfileValidator VALIDATOR = new ProfileValidator(FHIR, newValidationSupport(), CATALOG);
    }
}
