package org.dermcode.terminology;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.io.IOException;
import java.util.Collections;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.TerminologyCapabilities;
import org.hl7.fhir.r4.model.TerminologyCapabilities.CapabilityStatementKind;
import org.hl7.fhir.r4.model.TerminologyCapabilities.TerminologyCapabilitiesCodeSystemComponent;
import org.hl7.fhir.r4.model.TerminologyCapabilities.TerminologyCapabilitiesCodeSystemVersionComponent;
import org.hl7.fhir.r4.model.TerminologyCapabilities.TerminologyCapabilitiesExpansionComponent;

/**
 * Answers {@code GET /metadata?mode=terminology} with a TerminologyCapabilities resource, which
 * HAPI's plain server does not produce. Built once from the loaded code systems.
 */
@Interceptor
public final class TerminologyCapabilitiesInterceptor {

    static final String[] EXPANSION_PARAMETERS = {"url", "valueSet", "valueSetVersion", "filter", "date", "offset",
        "count", "includeDesignations", "includeDefinition", "activeOnly", "excludeNested", "displayLanguage",
        "system-version", "check-system-version", "force-system-version", "default-valueset-version", "property",
        "tx-resource"};

    private final TerminologyCapabilities capabilities;

    public TerminologyCapabilitiesInterceptor(TerminologyRepository repository, String softwareVersion) {
        this.capabilities = build(repository, softwareVersion);
    }

    public TerminologyCapabilities capabilities() {
        return capabilities;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean intercept(RequestDetails request) {
        if (!"metadata".equals(request.getRequestPath())) {
            return true;
        }
        String[] mode = request.getParameters().get("mode");
        if (mode == null || mode.length == 0 || !"terminology".equals(mode[0])) {
            return true;
        }
        try {
            RestfulServerUtils.streamResponseAsResource(request.getServer(), capabilities, Collections.emptySet(),
                    200, false, false, request);
        } catch (IOException e) {
            throw new InternalErrorException("Could not write the TerminologyCapabilities", e);
        }
        return false;
    }

    private static TerminologyCapabilities build(TerminologyRepository repository, String softwareVersion) {
        TerminologyCapabilities tc = new TerminologyCapabilities();
        tc.setId("dermcode");
        tc.setUrl(SystemUrls.CANONICAL_BASE + "/TerminologyCapabilities/dermcode");
        tc.setVersion(softwareVersion);
        tc.setName("DermCodeTerminologyCapabilities");
        tc.setTitle("DermCode terminology server capabilities");
        tc.setStatus(PublicationStatus.ACTIVE);
        tc.setExperimental(false);
        tc.setDate(new Date());
        tc.setPublisher("DermCode");
        tc.setKind(CapabilityStatementKind.INSTANCE);
        tc.getSoftware().setName("DermCode server").setVersion(softwareVersion);
        tc.getImplementation().setDescription("Dermatology CPT/HCPCS and ICD-10-CM terminology and claim validation");
        tc.setLockedDate(false);
        // one entry per code system, with every version held; the default is the one used without a version
        java.util.Map<String, TerminologyCapabilitiesCodeSystemComponent> entries = new java.util.LinkedHashMap<>();
        for (CodeSystem cs : repository.all(CodeSystem.class)) {
            String defaultVersion = repository.codeSystem(cs.getUrl()).map(CodeSystemIndex::version).orElse(null);
            TerminologyCapabilitiesCodeSystemComponent entry = entries.computeIfAbsent(SystemUrls.normalize(cs.getUrl()),
                    url -> tc.addCodeSystem().setUri(cs.getUrl()));
            TerminologyCapabilitiesCodeSystemVersionComponent version = entry.addVersion().setCode(cs.getVersion())
                    .setIsDefault(java.util.Objects.equals(cs.getVersion(), defaultVersion)).setCompositional(false);
            for (CodeSystem.PropertyComponent p : cs.getProperty()) {
                version.addProperty(p.getCode());
            }
            version.addFilter().setCode("concept").addOp("is-a").addOp("descendent-of").addOp("is-not-a").addOp("=")
                    .addOp("in");
            entry.setSubsumption(true);
        }
        TerminologyCapabilitiesExpansionComponent expansion = tc.getExpansion();
        expansion.setHierarchical(true).setPaging(true).setIncomplete(false);
        for (String name : EXPANSION_PARAMETERS) {
            expansion.addParameter().setName(name);
        }
        expansion.setTextFilter("Case-insensitive; every word of the filter must be a prefix of the code or of a"
                + " word of the display or of a designation.");
        tc.getValidateCode().setTranslations(false);
        tc.getTranslation().setNeedsMap(false);
        tc.getClosure().setTranslation(false);
        return tc;
    }
}
