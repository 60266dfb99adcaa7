package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.List;
import org.dermcode.TestTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.UriType;
import org.junit.jupiter.api.Test;

class EngineCostTest {

    private static final String CS = "http://example.org/cs/big";
    private static final TerminologyRepository OURS = TestTerminology.REPOSITORY;

    private static CodeSystem codeSystem(int concepts) {
        CodeSystem cs = new CodeSystem().setUrl(CS).setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        for (int i = 0; i < concepts; i++) {
            cs.addConcept().setCode("c" + i).setDisplay("Concept " + i);
        }
        return cs;
    }

    private static ValueSet valueSet(String url, String system, int includes) {
        ValueSet vs = new ValueSet().setUrl(url);
        for (int i = 0; i < includes; i++) {
            vs.getCompose().addInclude().setSystem(system);
        }
        return vs;
    }

    private static TxRequest request(String url, IBaseResource... resources) {
        Parameters parameters = new Parameters();
        parameters.addParameter("url", new UriType(url));
        return new TxRequest(parameters, new ArrayList<>(List.of(resources)), null);
    }

    private static long estimate(TxRequest request) {
        return EngineCost.estimate(request, OURS, true, null);
    }

    @Test
    void countsTheRequestsConceptsAndThoseEachIncludeWalks() {
        assertThat(estimate(request("http://example.org/vs/a", codeSystem(100), valueSet("http://example.org/vs/a", CS, 3))))
                .isEqualTo(100 + 3 * 100);
    }

    @Test
    void aCodeCheckedInAValueSetOfTwoVersionsCountsTheValueSetTwice() {
        ValueSet vs = valueSet("http://example.org/vs/a", CS, 0);
        vs.getCompose().addInclude().setSystem(CS).setVersion("1");
        vs.getCompose().addInclude().setSystem(CS).setVersion("2");
        CodeSystem v1 = codeSystem(100).setVersion("1");
        CodeSystem v2 = codeSystem(100).setVersion("2");
        TxRequest expand = request("http://example.org/vs/a", v1, v2, vs);
        TxRequest validate = request("http://example.org/vs/a", v1, v2, vs);
        validate.parameters().addParameter("code", new org.hl7.fhir.r5.model.CodeType("c1"));

        // the code's versions are found in the value set's expansion, then the engine checks it there
        assertThat(estimate(expand)).isEqualTo(200 + 2 * 100);
        assertThat(estimate(validate)).isEqualTo(200 + 2 * 2 * 100);
    }

    @Test
    void propertiesAndDesignationsAreEntriesToo() {
        CodeSystem cs = codeSystem(10);
        cs.getConceptFirstRep().addProperty().setCode("p").setValue(new StringType("x"));
        cs.getConceptFirstRep().addDesignation().setValue("synonym");
        cs.getConceptFirstRep().addConcept().setCode("child");
        assertThat(estimate(request("http://example.org/vs/a", cs, valueSet("http://example.org/vs/a", CS, 1))))
                .isEqualTo(2 * (10 + 1 + 1 + 1));
    }

    @Test
    void theBudgetAllowsEightThousandClientConceptsIncludedOnceAndNotOneMore() {
        TxRequest atTheLimit = request("http://example.org/vs/a", codeSystem(8_000), valueSet("http://example.org/vs/a", CS, 1));
        assertThat(estimate(atTheLimit)).isEqualTo(EngineCost.MAX_ENTRIES);
        EngineCost.check(atTheLimit, OURS, true, null);

        TxRequest over = request("http://example.org/vs/a", codeSystem(8_001), valueSet("http://example.org/vs/a", CS, 1));
        assertThatThrownBy(() -> EngineCost.check(over, OURS, true, null))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("about 16002 concepts, properties and designations")
                .hasMessageContaining("more than 16000")
                .satisfies(e -> assertThat(((OperationOutcome) ((BaseServerResponseException) e).getOperationOutcome())
                        .getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOCOSTLY));
    }

    @Test
    void everyEngineOperationChecksTheBudgetBeforeTheEngineRuns() {
        TxOperations tx = new TxOperations(new TxEngine(OURS, 1), OURS);
        TxRequest over = request("http://example.org/vs/a", codeSystem(8_001), valueSet("http://example.org/vs/a", CS, 1));
        assertThatThrownBy(() -> tx.expand(over, null)).isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("more than 16000");
        assertThatThrownBy(() -> tx.validateCode(over, false, null)).isInstanceOf(UnprocessableEntityException.class);
        assertThatThrownBy(() -> tx.batchValidateCode(over, List.of(over), false, entry -> { }))
                .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("more than 16000");
    }

    @Test
    void aCodeSystemLevelRequestCountsOnlyTheRequestsConcepts() {
        TxRequest request = request(CS, codeSystem(10_001));
        assertThat(EngineCost.estimate(request, OURS, false, null)).isEqualTo(10_001);
    }

    @Test
    void ourCodeSystemsCountWithTheirPropertiesAndDesignations() {
        long icd = 0;
        for (CodeSystemIndex index : OURS.codeSystemIndexes()) {
            if (index.url().equals(SystemUrls.ICD10CM)) {
                icd = Math.max(icd, entries(index.codeSystem().getConcept()));
            }
        }
        assertThat(icd).isGreaterThan(0);
        assertThat(estimate(request("http://example.org/vs/a", valueSet("http://example.org/vs/a", SystemUrls.ICD10CM, 2))))
                .isEqualTo(2 * icd);
    }

    private static long entries(List<CodeSystem.ConceptDefinitionComponent> concepts) {
        long n = 0;
        for (CodeSystem.ConceptDefinitionComponent c : concepts) {
            n += 1 + c.getProperty().size() + c.getDesignation().size() + entries(c.getConcept());
        }
        return n;
    }

    /** Each level imports the next twice: 2^40 paths to the code system, each expanded afresh by the engine. */
    @Test
    void importsThatFanOutAreCountedForEveryPathWithoutOverflowing() {
        List<IBaseResource> resources = new ArrayList<>();
        resources.add(codeSystem(10));
        int levels = 40;
        for (int i = 0; i < levels; i++) {
            ValueSet vs = new ValueSet().setUrl("http://example.org/vs/chain-" + i);
            if (i == levels - 1) {
                vs.getCompose().addInclude().setSystem(CS);
            } else {
                vs.getCompose().addInclude().addValueSet("http://example.org/vs/chain-" + (i + 1));
                vs.getCompose().addInclude().addValueSet("http://example.org/vs/chain-" + (i + 1));
            }
            resources.add(vs);
        }
        long estimate = estimate(request("http://example.org/vs/chain-0", resources.toArray(IBaseResource[]::new)));
        assertThat(estimate).isGreaterThan(1L << 40).isPositive();

        List<IBaseResource> two = new ArrayList<>(resources.subList(0, 1));
        two.add(valueSet("http://example.org/vs/top", null, 0));
        ((ValueSet) two.get(1)).getCompose().addInclude().addValueSet("http://example.org/vs/leaf");
        two.add(valueSet("http://example.org/vs/leaf", CS, 1));
        // the import: the leaf's walk (10) and the copy of its content (10)
        assertThat(estimate(request("http://example.org/vs/top", two.toArray(IBaseResource[]::new)))).isEqualTo(10 + 20);
    }

    @Test
    void anImportCycleEnds() {
        ValueSet a = new ValueSet().setUrl("http://example.org/vs/a");
        a.getCompose().addInclude().addValueSet("http://example.org/vs/b");
        ValueSet b = new ValueSet().setUrl("http://example.org/vs/b");
        b.getCompose().addInclude().addValueSet("http://example.org/vs/a");
        assertThat(estimate(request("http://example.org/vs/a", a, b))).isNotNegative();
    }

    @Test
    void anInlineValueSetIsTheTarget() {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("valueSet").setResource(TxEngine.toR5(valueSet(null, CS, 4)));
        TxRequest request = new TxRequest(parameters, new ArrayList<>(List.of(codeSystem(100))), null);
        assertThat(estimate(request)).isEqualTo(100 + 4 * 100);
    }
}
