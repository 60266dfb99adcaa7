package org.dermcode.config;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/** Names the server in its CapabilityStatement and declares that it is a terminology server. */
@Interceptor
final class CapabilityStatementCustomizer {

    static final String TERMINOLOGY_SERVER = "http://hl7.org/fhir/CapabilityStatement/terminology-server";

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
            cs.setName("DermCodeServer");
            cs.setTitle("DermCode FHIR terminology and claim-validation server");
            cs.setPublisher("DermCode");
            cs.getSoftware().setName("DermCode server").setVersion(version);
            cs.getImplementation().setDescription("Dermatology CPT/HCPCS and ICD-10-CM terminology,"
                    + " and Claim/$validate-claim");
        }
    }
}
