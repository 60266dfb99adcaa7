package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.dermcode.ServerIT;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** Supplements over HTTP: $lookup with useSupplement, and a named supplement that is missing. */
class SupplementsIT extends ServerIT {

    private static final String CS = "http://example.org/fhir/CodeSystem/lesions";
    private static final String SUPPLEMENT = "http://example.org/fhir/CodeSystem/lesions-nl";
    private static final String VS = "http://example.org/fhir/ValueSet/lesions";

    private static Parameters withResources() {
        CodeSystem cs = new CodeSystem().setUrl(CS).setName("Lesions").setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystemContentMode.COMPLETE);
        cs.setLanguage("en");
        cs.addConcept().setCode("macule").setDisplay("Macule");
        CodeSystem dutch = new CodeSystem().setUrl(SUPPLEMENT).setVersion("1.0").setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystemContentMode.SUPPLEMENT).setSupplements(CS);
        dutch.addProperty().setCode("note").setUri("http://example.org/note").setType(PropertyType.STRING);
        var macule = dutch.addConcept().setCode("macule");
        macule.addDesignation().setLanguage("nl").setValue("vlek");
        macule.addProperty().setCode("note").setValue(new StringType("flat"));
        ValueSet vs = new ValueSet().setUrl(VS).setStatus(PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(CS);
        Parameters in = new Parameters();
        for (var resource : List.of(cs, dutch, vs)) {
            in.addParameter().setName("tx-resource").setResource(resource);
        }
        return in;
    }

    private static List<ParametersParameterComponent> designations(Parameters out) {
        return out.getParameter().stream().filter(p -> p.getName().equals("designation")).toList();
    }

    private static String part(ParametersParameterComponent p, String name) {
        return p.getPart().stream().filter(x -> x.getName().equals(name)).findFirst()
                .map(x -> x.getValue().primitiveValue()).orElse(null);
    }

    private Parameters lookup(Parameters in) {
        return client.operation().onType(CodeSystem.class).named("$lookup").withParameters(in).execute();
    }

    @Test
    void lookupWithTheSupplementGivesItsDesignationWithItsSourceAndSaysItUsedIt() {
        Parameters in = withResources();
        in.addParameter().setName("system").setValue(new UriType(CS));
        in.addParameter().setName("code").setValue(new CodeType("macule"));
        in.addParameter().setName("useSupplement").setValue(new CanonicalType(SUPPLEMENT));

        Parameters out = lookup(in);

        assertThat(designations(out)).anySatisfy(d -> {
            assertThat(part(d, "language")).isEqualTo("nl");
            assertThat(part(d, "value")).isEqualTo("vlek");
            assertThat(part(d, "source")).isEqualTo(SUPPLEMENT + "|1.0");
        });
        assertThat(property(out, "note").primitiveValue()).isEqualTo("flat");
        assertThat(value(out, "used-supplement").primitiveValue()).isEqualTo(SUPPLEMENT + "|1.0");
        assertThat(value(out, "code").primitiveValue()).isEqualTo("macule");
        assertThat(value(out, "system").primitiveValue()).isEqualTo(CS);
    }

    @Test
    void lookupWithoutItHasTheCodeSystemsOwnDesignationsOnly() {
        Parameters in = withResources();
        in.addParameter().setName("system").setValue(new UriType(CS));
        in.addParameter().setName("code").setValue(new CodeType("macule"));

        Parameters out = lookup(in);

        assertThat(designations(out)).singleElement().satisfies(d -> {
            assertThat(part(d, "language")).isEqualTo("en");
            assertThat(part(d, "value")).isEqualTo("Macule");
        });
        assertThat(value(out, "used-supplement")).isNull();
    }

    @Test
    void aNamedSupplementThatIsMissingIsA404WithTheTxIssueType() {
        Parameters lookupIn = withResources();
        lookupIn.addParameter().setName("system").setValue(new UriType(CS));
        lookupIn.addParameter().setName("code").setValue(new CodeType("macule"));
        lookupIn.addParameter().setName("useSupplement").setValue(new CanonicalType(SUPPLEMENT + "-x"));
        Parameters expandIn = withResources();
        expandIn.addParameter().setName("url").setValue(new UriType(VS));
        expandIn.addParameter().setName("useSupplement").setValue(new CanonicalType(SUPPLEMENT + "-x"));

        assertThatThrownBy(() -> lookup(lookupIn)).isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertNotFound((ResourceNotFoundException) e));
        assertThatThrownBy(() -> client.operation().onType(ValueSet.class).named("$expand").withParameters(expandIn)
                .returnResourceType(ValueSet.class).execute()).isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertNotFound((ResourceNotFoundException) e));
    }

    private static void assertNotFound(ResourceNotFoundException e) {
        OperationOutcome.OperationOutcomeIssueComponent issue = ((OperationOutcome) e.getOperationOutcome())
                .getIssueFirstRep();
        assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
        assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo(TxOperations.TX_ISSUE_TYPE);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("not-found");
        assertThat(issue.getDetails().getText()).isEqualTo("Required supplement not found: " + SUPPLEMENT + "-x");
    }
}
