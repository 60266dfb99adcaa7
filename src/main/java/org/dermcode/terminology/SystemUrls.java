package org.dermcode.terminology;

/** Canonical URLs of the code systems the server hosts, and the spellings real claims use. */
public final class SystemUrls {

    public static final String CPT = "http://www.ama-assn.org/go/cpt";
    public static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String ICD10_WHO = "http://hl7.org/fhir/sid/icd-10";
    public static final String CLAIM_RULE = "http://dermcode.org/fhir/CodeSystem/claim-rule";
    public static final String CANONICAL_BASE = "http://dermcode.org/fhir";
    public static final String PLACE_OF_SERVICE =
            "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set.html";

    private static final String HCPCS_HTTP = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    private static final String PLACE_OF_SERVICE_PAGE =
            "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";

    private SystemUrls() {}

    /**
     * The canonical spelling of a system URL: HCPCS with {@code http://} becomes {@code https://};
     * the CMS place-of-service page is accepted with or without its {@code .html}.
     */
    public static String normalize(String system) {
        if (system == null) {
            return null;
        }
        String trimmed = system.strip();
        if (trimmed.equalsIgnoreCase(HCPCS_HTTP) || trimmed.equalsIgnoreCase(HCPCS)) {
            return HCPCS;
        }
        if (trimmed.equalsIgnoreCase(PLACE_OF_SERVICE) || trimmed.equalsIgnoreCase(PLACE_OF_SERVICE_PAGE)) {
            return PLACE_OF_SERVICE;
        }
        if (trimmed.endsWith("/") && trimmed.length() > 1) {
            return normalize(trimmed.substring(0, trimmed.length() - 1));
        }
        return trimmed;
    }
}
