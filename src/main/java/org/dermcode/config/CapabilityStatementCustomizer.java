package org.dermcode.config;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Type;

/** Names the server in its CapabilityStatement and declares that it is a terminology server. */
@Interceptor
final class CapabilityStatementCustomizer {

    static final String TERMINOLOGY_SERVER = "http://hl7.org/fhir/CapabilityStatement/terminology-server";

    /** The HL7 tools look for these features before they use a terminology server. */
    static final String FEATURE = "http://hl7.org/fhir/uv/application-feature/StructureDefinition/feature";
    // .../tx-tests/FeatureDefinition/test-version (the suite version passed) is declared only once
    // the server passes the whole general suite (docs/conformance.md: not yet)
    static final String CODE_SYSTEM_AS_PARAMETER =
            "http://hl7.org/fhir/uv/tx-ecosystem/FeatureDefinition/CodeSystemAsParameter";
    static final String RELEASE_DATE = "2026-12-01";
    static final String CANONICAL = "http://dermcode.org/fhir/CapabilityStatement/dermcode-server";

    private final String version;

    CapabilityStatementCustomizer(String version) {
        this.version = version;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void customize(IBaseConformance conformance) {
        if (conformance instanceof CapabilityStatement cs) {
            if (cs.getInstantiates().stream().noneMatch(i -> TERMINOLOGY_SERVER.equals(i.getValue()))) {
                cs.addInstantiates(TERMINOLOGY_SERVER);
            }
            if (!cs.hasUrl()) {
                cs.setUrl(CANONICAL);
            }
            if (!cs.hasVersion()) {
                cs.setVersion(version);
            }
            cs.setName("DermCodeServer");
            cs.setTitle("DermCode FHIR terminology and claim-validation server");
            cs.setPublisher("DermCode");
            cs.getSoftware().setName("DermCode server").setVersion(version);
            if (!cs.getSoftware().hasReleaseDate()) {
                cs.getSoftware().setReleaseDateElement(new DateTimeType(RELEASE_DATE));
            }
            if (cs.getExtensionsByUrl(FEATURE).isEmpty()) {
                feature(cs, CODE_SYSTEM_AS_PARAMETER, new BooleanType(true));
            }
            cs.getImplementation().setDescription("Dermatology CPT/HCPCS and ICD-10-CM terminology,"
                    + " and Claim/$validate-claim");
        }
    }

    private static void feature(CapabilityStatement cs, String definition, Type value) {
        Extension feature = cs.addExtension().setUrl(FEATURE);
        feature.addExtension("definition", new CanonicalType(definition));
        feature.addExtension("value", value);
    }
}
