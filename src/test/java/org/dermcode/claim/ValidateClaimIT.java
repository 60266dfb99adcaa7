package org.dermcode.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dermcode.ServerIT;
import org.dermcode.terminology.SystemUrls;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** {@code POST /fhir/Claim/$validate-claim} over HTTP: the body forms, the answer's shape, the 400s. */
class ValidateClaimIT extends ServerIT {

    private static final Path EXAMPLES = Path.of("examples", "claims");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String example(String file) throws IOException {
        return Files.readString(EXAMPLES.resolve(file));
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/Claim/$validate-claim"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static OperationOutcome outcome(HttpResponse<String> response) {
        String body = response.body();
        IBaseResource parsed = body.startsWith("<") ? FHIR.newXmlParser().parseResource(body)
                : FHIR.newJsonParser().parseResource(body);
        assertThat(parsed).isInstanceOf(OperationOutcome.class);
        return (OperationOutcome) parsed;
    }

    private static List<String> ruleIds(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(i -> i.getDetails().hasCoding())
                .map(i -> i.getDetails().getCodingFirstRep().getCode())
                .toList();
    }

    private static OperationOutcomeIssueComponent issue(OperationOutcome outcome, String ruleId) {
        return outcome.getIssue().stream()
                .filter(i -> ruleId.equals(i.getDetails().getCodingFirstRep().getCode()))
                .findFirst().orElseThrow(() -> new AssertionError(ruleId + " not in " + ruleIds(outcome)));
    }

    @Test
    void bareClaimGetsEveryFindingWithRuleIdAndLocation() throws Exception {
        HttpResponse<String> response = post(example("17-em-missing-25-with-biopsy.json"), "application/fhir+json");
        assertThat(response.statusCode()).isEqualTo(200);
        OperationOutcome outcome = outcome(response);
        assertThat(ruleIds(outcome)).containsExactly("MOD-25-MISSING");
        OperationOutcomeIssueComponent missing25 = issue(outcome, "MOD-25-MISSING");
        assertThat(missing25.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(missing25.getCode()).isEqualTo(OperationOutcome.IssueType.BUSINESSRULE);
        assertThat(missing25.getDetails().getCodingFirstRep().getSystem()).isEqualTo(SystemUrls.CLAIM_RULE);
        assertThat(missing25.getDetails().getCodingFirstRep().getDisplay()).isNotBlank();
        assertThat(missing25.getDetails().getText()).contains("Line 1", "99213", "11102", "modifier 25");
        assertThat(missing25.getExpression().get(0).getValue()).isEqualTo("Claim.item[0]");
    }

    @Test
    void parametersWrappedClaimGivesTheSameAnswer() throws Exception {
        Claim claim = FHIR.newJsonParser().parseResource(Claim.class, example("17-em-missing-25-with-biopsy.json"));
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(claim);
        OperationOutcome outcome = client.operation().onType(Claim.class).named("$validate-claim")
                .withParameters(parameters).returnResourceType(OperationOutcome.class).execute();
        assertThat(ruleIds(outcome)).containsExactly("MOD-25-MISSING");
    }

    @Test
    void xmlClaimIsAnsweredInXml() throws Exception {
        Claim claim = FHIR.newJsonParser().parseResource(Claim.class, example("27-mue-17003-fourteen-units.json"));
        HttpResponse<String> response = post(FHIR.newXmlParser().encodeResourceToString(claim), "application/fhir+xml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("<OperationOutcome");
        OperationOutcomeIssueComponent mue = issue(outcome(response), "UNITS-MUE");
        assertThat(mue.getExpression().get(0).getValue()).endsWith(".quantity");
    }

    @Test
    void cleanClaimGetsOneInformationIssue() throws Exception {
        OperationOutcome outcome = outcome(post(example("01-clean-em-with-biopsy.json"), "application/fhir+json"));
        assertThat(outcome.getIssue()).hasSize(1);
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
        assertThat(outcome.getIssueFirstRep().getDetails().getText()).contains("No coding problems");
    }

    @Test
    void profileFindingsCarryTheValidatorMessageIdInPlainText() throws Exception {
        Claim oral = FHIR.newJsonParser().parseResource(Claim.class, example("01-clean-em-with-biopsy.json"));
        oral.getType().getCodingFirstRep().setCode("oral");
        OperationOutcome outcome = outcome(post(FHIR.newJsonParser().encodeResourceToString(oral), "application/fhir+json"));
        OperationOutcomeIssueComponent profile = issue(outcome, "PROFILE");
        assertThat(profile.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(profile.getDetails().getText()).contains("Value is 'oral' but is fixed to 'professional'",
                "[TYPE_CHECKS_PATTERN_CC]").doesNotContain("ValidationMessage[");
    }

    @Test
    void aProfileFindingThatRestatesARuleIsDropped() throws Exception {
        OperationOutcome outcome = outcome(post(example("34-five-modifiers.json"), "application/fhir+json"));
        assertThat(ruleIds(outcome)).containsExactly("MOD-LIMIT");
    }

    @Test
    void issuesAreOrderedByLineThenRuleId() throws Exception {
        OperationOutcome outcome = outcome(post(example("19-em-57-with-punch-biopsy.json"), "application/fhir+json"));
        List<String> ids = ruleIds(outcome);
        assertThat(ids).containsSubsequence("MOD-25-MISSING", "MOD-57-MINOR");
    }

    @Test
    void bundleOfClaimsIsAnsweredWithOneOutcomePerClaimTiedToItsEntry() throws Exception {
        Bundle batch = new Bundle().setType(Bundle.BundleType.COLLECTION);
        batch.addEntry().setFullUrl("http://example.org/fhir/Claim/derm-claim-01")
                .setResource(FHIR.newJsonParser().parseResource(Claim.class, example("01-clean-em-with-biopsy.json")));
        batch.addEntry().setFullUrl("http://example.org/fhir/Patient/derm-pt-101").setResource(new Patient().setActive(true));
        batch.addEntry().setFullUrl("http://example.org/fhir/Coverage/derm-cov-101").setResource(new Coverage());
        batch.addEntry().setFullUrl("http://example.org/fhir/Claim/derm-claim-22").setResource(
                FHIR.newJsonParser().parseResource(Claim.class, example("22-addon-17003-without-17000.json")));
        HttpResponse<String> response = post(FHIR.newJsonParser().encodeResourceToString(batch), "application/fhir+json");
        assertThat(response.statusCode()).isEqualTo(200);
        Bundle answer = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(answer.getEntry()).extracting(Bundle.BundleEntryComponent::getFullUrl).containsExactly(
                "http://example.org/fhir/Claim/derm-claim-01", "http://example.org/fhir/Claim/derm-claim-22");
        OperationOutcome first = (OperationOutcome) answer.getEntry().get(0).getResource();
        OperationOutcome second = (OperationOutcome) answer.getEntry().get(1).getResource();
        assertThat(first.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
        assertThat(ruleIds(second)).contains("ADDON-NO-PRIMARY");
    }

    @Test
    void unparseableBodyIs400() throws Exception {
        assertBadRequest(post("{\"resourceType\": \"Claim\", ", "application/fhir+json"), "parse");
        assertBadRequest(post("<Claim xmlns=\"http://hl7.org/fhir\"><status value=", "application/fhir+xml"), "parse");
    }

    @Test
    void otherResourceTypeIs400() throws Exception {
        assertBadRequest(post(FHIR.newJsonParser().encodeResourceToString(new Patient()), "application/fhir+json"),
                "Patient");
    }

    @Test
    void parametersWithoutClaimIs400() throws Exception {
        Parameters empty = new Parameters();
        empty.addParameter().setName("other").setValue(new org.hl7.fhir.r4.model.StringType("x"));
        assertBadRequest(post(FHIR.newJsonParser().encodeResourceToString(empty), "application/fhir+json"), "Claim");
    }

    @Test
    void emptyBodyAndEmptyBundleAre400() throws Exception {
        assertBadRequest(post("", "application/fhir+json"), "content");
        assertBadRequest(post(FHIR.newJsonParser().encodeResourceToString(new Bundle()), "application/fhir+json"),
                "no entries");
    }

    private static void assertBadRequest(HttpResponse<String> response, String mentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        OperationOutcome outcome = outcome(response);
        String text = outcome.getIssueFirstRep().getDiagnostics() + " " + outcome.getIssueFirstRep().getDetails().getText();
        assertThat(text).containsIgnoringCase(mentions);
        assertThat(response.body()).doesNotContain("at org.", "at ca.uhn", "Exception:");
    }
}
