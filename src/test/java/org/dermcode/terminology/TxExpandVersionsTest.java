package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** $expand of a tx-resource value set over a code system the request brings in two versions. */
class TxExpandVersionsTest {

    private static final String CS = "http://example.org/fhir/CodeSystem/shapes";
    private static final String VS = "http://example.org/fhir/ValueSet/shapes";
    private static final TxOperations TX = TestEngine.TX;

    /** Version 1.0.0 has circle and square; 2.0.0 adds triangle. */
    private static CodeSystem shapes(String version) {
        CodeSystem cs = new CodeSystem().setUrl(CS).setVersion(version).setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.addConcept().setCode("circle").setDisplay("Circle " + version);
        cs.addConcept().setCode("square").setDisplay("Square " + version);
        if (version.startsWith("2")) {
            cs.addConcept().setCode("triangle").setDisplay("Triangle " + version);
        }
        return cs;
    }

    private static ValueSet valueSet(String... includeVersions) {
        ValueSet vs = new ValueSet().setUrl(VS).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        for (String version : includeVersions) {
            vs.getCompose().addInclude().setSystem(CS).setVersion(version);
        }
        return vs;
    }

    private static ValueSet expand(ValueSet vs, String... ruleVersion) {
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType(VS));
        for (int i = 0; i < ruleVersion.length; i += 2) {
            r4.addParameter().setName(ruleVersion[i]).setValue(new CanonicalType(CS + "|" + ruleVersion[i + 1]));
        }
        List<IBaseResource> resources = new ArrayList<>(List.of(shapes("1.0.0"), shapes("2.0.0"), vs));
        return TX.expand(TestEngine.request(r4, resources), null);
    }

    private static List<String> codes(ValueSet out) {
        return out.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .toList();
    }

    private static List<String> parameters(ValueSet out) {
        return out.getExpansion().getParameter().stream()
                .map(p -> p.getName() + "=" + p.getValue().primitiveValue()).toList();
    }

    @Test
    void anIncludePinnedToTheOlderVersionExpandsThatVersion() {
        ValueSet out = expand(valueSet("1.0.0"));

        assertThat(codes(out)).containsExactly("circle", "square");
        assertThat(out.getExpansion().getContainsFirstRep().getDisplay()).isEqualTo("Circle 1.0.0");
        assertThat(parameters(out)).contains("used-codesystem=" + CS + "|1.0.0");
    }

    @Test
    void aVersionlessIncludeExpandsTheNewest() {
        assertThat(codes(expand(valueSet((String) null)))).containsExactly("circle", "square", "triangle");
    }

    @Test
    void aWildcardVersionExpandsTheNewestThatMatches() {
        assertThat(codes(expand(valueSet("1.x.x")))).containsExactly("circle", "square");
    }

    @Test
    void forceSystemVersionWinsOverTheIncludeAndIsEchoed() {
        ValueSet out = expand(valueSet("2.0.0"), SystemVersionRules.FORCE, "1.0.x");

        assertThat(codes(out)).containsExactly("circle", "square");
        assertThat(parameters(out)).contains(SystemVersionRules.FORCE + "=" + CS + "|1.0.x",
                "used-codesystem=" + CS + "|1.0.0");
    }

    @Test
    void systemVersionIsTheDefaultOfAVersionlessIncludeOnly() {
        assertThat(codes(expand(valueSet((String) null), SystemVersionRules.DEFAULT, "1.0.0")))
                .containsExactly("circle", "square");
        ValueSet pinned = expand(valueSet("2.0.0"), SystemVersionRules.DEFAULT, "1.0.0");
        assertThat(codes(pinned)).containsExactly("circle", "square", "triangle");
        assertThat(parameters(pinned)).noneMatch(p -> p.startsWith(SystemVersionRules.DEFAULT + "="));
    }

    @Test
    void aVersionThatIsNotThereIs404NamingTheVersionsThatAre() {
        assertThatThrownBy(() -> expand(valueSet("1"))).isInstanceOfSatisfying(BaseServerResponseException.class,
                e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    OperationOutcome.OperationOutcomeIssueComponent issue =
                            ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep();
                    assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
                    assertThat(issue.getDetails().getText()).endsWith("Valid versions: 1.0.0 or 2.0.0");
                });
    }

    @Test
    void checkSystemVersionRefusesAnotherVersion() {
        assertThatThrownBy(() -> expand(valueSet("2.0.0"), SystemVersionRules.CHECK, "1.0.x"))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    OperationOutcome.OperationOutcomeIssueComponent issue =
                            ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep();
                    assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.EXCEPTION);
                    assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("version-error");
                });
    }

    @Test
    void defaultValueSetVersionIsEchoed() {
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType(VS));
        r4.addParameter().setName("default-valueset-version").setValue(new CanonicalType(VS + "|1"));
        List<IBaseResource> resources = new ArrayList<>(List.of(shapes("1.0.0"), valueSet("1.0.0")));
        ValueSet out = TX.expand(TestEngine.request(r4, resources),
                null);

        assertThat(parameters(out)).contains("default-valueset-version=" + VS + "|1");
    }

    @Test
    void theHiddenVersionIsBackForTheNextRequest() {
        expand(valueSet("1.0.0"));
        assertThat(codes(expand(valueSet((String) null)))).containsExactly("circle", "square", "triangle");
    }
}
