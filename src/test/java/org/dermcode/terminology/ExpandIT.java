package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.dermcode.ServerIT;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.junit.jupiter.api.Test;

class ExpandIT extends ServerIT {

    private static final String VS = SystemUrls.CANONICAL_BASE + "/ValueSet/";

    private static Parameters params(String url) {
        Parameters in = new Parameters();
        in.addParameter().setName("url").setValue(new UriType(url));
        return in;
    }

    private ValueSet expandGet(Parameters in) {
        return client.operation().onType(ValueSet.class).named("$expand").withParameters(in).useHttpGet()
                .returnResourceType(ValueSet.class).execute();
    }

    private ValueSet expandPost(Parameters in) {
        return client.operation().onType(ValueSet.class).named("$expand").withParameters(in)
                .returnResourceType(ValueSet.class).execute();
    }

    /** Codes of the top level of the expansion, in order. */
    private static List<String> codes(ValueSet expanded) {
        return expanded.getExpansion().getContains().stream().map(ValueSetExpansionContainsComponent::getCode).toList();
    }

    /** Codes of the whole (possibly nested) expansion. */
    private static List<String> allCodes(ValueSet expanded) {
        List<String> result = new ArrayList<>();
        collect(expanded.getExpansion().getContains(), result);
        return result;
    }

    private static void collect(List<ValueSetExpansionContainsComponent> contains, List<String> into) {
        for (ValueSetExpansionContainsComponent c : contains) {
            into.add(c.getCode());
            collect(c.getContains(), into);
        }
    }

    private static ValueSetExpansionContainsComponent find(List<ValueSetExpansionContainsComponent> contains,
            String code) {
        return contains.stream().filter(c -> code.equals(c.getCode())).findFirst().orElseThrow(
                () -> new AssertionError(code + " not among " + contains.stream().map(c -> c.getCode()).toList()));
    }

    private static List<String> parameterValues(ValueSet expanded, String name) {
        return expanded.getExpansion().getParameter().stream().filter(p -> name.equals(p.getName()))
                .map(p -> p.getValue().primitiveValue()).toList();
    }

    @Test
    void mohsHasItsFiveCodes() {
        ValueSet out = expandGet(params(VS + "derm-mohs"));
        assertThat(out.getExpansion().getTotal()).isEqualTo(5);
        assertThat(codes(out)).containsExactly("17311", "17312", "17313", "17314", "17315");
        assertThat(out.getExpansion().getContains()).allSatisfy(c -> {
            assertThat(c.getSystem()).isEqualTo(SystemUrls.CPT);
            assertThat(c.getDisplay()).startsWith("Mohs");
        });
    }

    @Test
    void expansionCarriesItsMetadata() {
        ValueSet out = expandGet(params(VS + "derm-mohs"));
        ValueSet.ValueSetExpansionComponent expansion = out.getExpansion();
        assertThat(expansion.hasTotal()).isTrue();
        assertThat(expansion.hasOffset()).isTrue();
        assertThat(expansion.getOffset()).isZero();
        assertThat(expansion.getTimestamp()).isNotNull();
        assertThat(expansion.getIdentifier()).isNotBlank();
        assertThat(parameterValues(out, "used-codesystem")).containsExactly(SystemUrls.CPT + "|2026");
        assertThat(parameterValues(out, "count")).containsExactly("100");
        assertThat(parameterValues(out, "offset")).containsExactly("0");
        assertThat(out.getUrl()).isEqualTo(VS + "derm-mohs");
        assertThat(out.getCopyright()).contains("American Medical Association");
        // each expansion is its own: a new identifier each time
        assertThat(expandGet(params(VS + "derm-mohs")).getExpansion().getIdentifier())
                .isNotEqualTo(expansion.getIdentifier());
    }

    @Test
    void filterFindsTheBiopsyCodes() {
        Parameters in = params(VS + "derm-procedures");
        in.addParameter().setName("filter").setValue(new StringType("biopsy"));
        ValueSet out = expandGet(in);
        assertThat(codes(out)).contains("11102", "11103", "11104", "11105", "11106", "11107", "40490", "69100")
                .doesNotContain("17000", "99213", "17311");
        assertThat(out.getExpansion().getTotal()).isEqualTo(codes(out).size());
        assertThat(parameterValues(out, "filter")).containsExactly("biopsy");
    }

    @Test
    void filterIsCaseInsensitiveAndMatchesWordPrefixes() {
        Parameters in = params(VS + "derm-procedures");
        in.addParameter().setName("filter").setValue(new StringType("PUNCH bio"));
        ValueSet out = expandPost(in);
        assertThat(codes(out)).containsExactlyInAnyOrder("11104", "11105");
        assertThat(out.getExpansion().getTotal()).isEqualTo(2);

        Parameters byCode = params(VS + "derm-procedures");
        byCode.addParameter().setName("filter").setValue(new StringType("1731"));
        assertThat(codes(expandGet(byCode))).containsExactlyInAnyOrder("17311", "17312", "17313", "17314", "17315");
    }

    @Test
    void countAndOffsetPage() {
        ValueSet all = expandGet(params(VS + "derm-procedures"));
        int total = all.getExpansion().getTotal();
        assertThat(total).isGreaterThan(10);
        List<String> everything = allCodes(all);

        Parameters in = params(VS + "derm-procedures");
        in.addParameter().setName("offset").setValue(new IntegerType(3));
        in.addParameter().setName("count").setValue(new IntegerType(5));
        ValueSet page = expandGet(in);
        assertThat(page.getExpansion().getTotal()).isEqualTo(total);
        assertThat(page.getExpansion().getOffset()).isEqualTo(3);
        assertThat(page.getExpansion().getContains()).hasSize(5);
        assertThat(codes(page)).containsExactlyElementsOf(everything.subList(3, 8));
        assertThat(parameterValues(page, "offset")).containsExactly("3");
        assertThat(parameterValues(page, "count")).containsExactly("5");

        Parameters beyond = params(VS + "derm-procedures");
        beyond.addParameter().setName("offset").setValue(new IntegerType(total + 10));
        ValueSet empty = expandGet(beyond);
        assertThat(empty.getExpansion().getTotal()).isEqualTo(total);
        assertThat(empty.getExpansion().getContains()).isEmpty();
    }

    @Test
    void countAboveTheMaximumIsClamped() {
        Parameters in = params(VS + "derm-procedures");
        in.addParameter().setName("count").setValue(new IntegerType(5000));
        ValueSet out = expandGet(in);
        assertThat(parameterValues(out, "count")).containsExactly("1000");
        assertThat(allCodes(out)).hasSize(out.getExpansion().getTotal());
    }

    @Test
    void negativeCountIs400NamingCount() {
        Parameters in = params(VS + "derm-procedures");
        in.addParameter().setName("count").setValue(new IntegerType(-1));
        assertThatThrownBy(() -> expandGet(in)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'count'");
    }

    @Test
    void hostedValueSetExpandsHierarchicallyUnlessExcludeNested() {
        // dx-psoriasis is "is-a L40": the abstract L40 holds its children, L40.5 holds L40.50...
        ValueSet nested = expandGet(params(VS + "dx-psoriasis"));
        assertThat(codes(nested)).containsExactly("L40");
        ValueSetExpansionContainsComponent l40 = nested.getExpansion().getContainsFirstRep();
        assertThat(l40.getAbstract()).isTrue();
        assertThat(l40.getContains()).extracting(ValueSetExpansionContainsComponent::getCode)
                .contains("L40.0", "L40.5", "L40.9");
        assertThat(find(l40.getContains(), "L40.5").getContains())
                .extracting(ValueSetExpansionContainsComponent::getCode).contains("L40.50", "L40.59");

        Parameters in = params(VS + "dx-psoriasis");
        in.addParameter().setName("excludeNested").setValue(new BooleanType(true));
        ValueSet flat = expandGet(in);
        assertThat(flat.getExpansion().getContains()).allSatisfy(c -> assertThat(c.getContains()).isEmpty());
        assertThat(codes(flat)).containsExactlyElementsOf(allCodes(nested));
        assertThat(flat.getExpansion().getTotal()).isEqualTo(nested.getExpansion().getTotal());
    }

    @Test
    void emHierarchyNestsTwoLevelsAndIsFlatWithExcludeNested() {
        // derm-em lists only the selectable visit codes (its expansion is flat); the E/M hierarchy
        // em > em-new > 99202 shows in a value set that includes the categories (is-a em).
        ValueSet isAEm = new ValueSet();
        isAEm.setStatus(PublicationStatus.ACTIVE);
        isAEm.getCompose().addInclude().setSystem(SystemUrls.CPT).addFilter().setProperty("concept")
                .setOp(ValueSet.FilterOperator.ISA).setValue("em");
        Parameters in = new Parameters();
        in.addParameter().setName("valueSet").setResource(isAEm);
        ValueSet nested = expandPost(in);
        assertThat(codes(nested)).containsExactly("em");
        ValueSetExpansionContainsComponent em = nested.getExpansion().getContainsFirstRep();
        assertThat(em.getAbstract()).isTrue();
        ValueSetExpansionContainsComponent emNew = find(em.getContains(), "em-new");
        assertThat(emNew.getContains()).extracting(ValueSetExpansionContainsComponent::getCode)
                .contains("99201", "99202", "99203", "99204", "99205");
        assertThat(find(em.getContains(), "em-established").getContains())
                .extracting(ValueSetExpansionContainsComponent::getCode).contains("99211", "99213", "99215");
        assertThat(nested.getExpansion().getTotal()).isEqualTo(13);

        in.addParameter().setName("excludeNested").setValue(new BooleanType(true));
        ValueSet flat = expandPost(in);
        assertThat(flat.getExpansion().getContains()).hasSize(13)
                .allSatisfy(c -> assertThat(c.getContains()).isEmpty());

        Parameters dermEm = params(VS + "derm-em");
        dermEm.addParameter().setName("excludeNested").setValue(new BooleanType(true));
        ValueSet dermEmFlat = expandGet(dermEm);
        assertThat(codes(dermEmFlat)).hasSize(10).contains("99201", "99202", "99215");
        assertThat(dermEmFlat.getExpansion().getContains()).allSatisfy(c -> assertThat(c.getContains()).isEmpty());
    }

    @Test
    void activeOnlyDropsRetiredCodes() {
        // the whole list (233 codes, the retired ones last) in one page
        Parameters whole = params(VS + "derm-procedures");
        whole.addParameter().setName("count").setValue(new IntegerType(1000));
        ValueSet all = expandGet(whole);
        assertThat(allCodes(all)).contains("99201", "11100", "11101", "J7309");
        Parameters in = params(VS + "derm-procedures");
        in.addParameter().setName("count").setValue(new IntegerType(1000));
        in.addParameter().setName("activeOnly").setValue(new BooleanType(true));
        ValueSet active = expandGet(in);
        // J7309 is not in the CY2026 fee schedule: retired in the newest HCPCS version
        assertThat(allCodes(active)).doesNotContain("99201", "11100", "11101", "J7309").contains("99202", "11102");
        assertThat(active.getExpansion().getTotal()).isEqualTo(all.getExpansion().getTotal() - 4);
        ValueSetExpansionContainsComponent retired = find(all.getExpansion().getContains(), "99201");
        assertThat(retired.getInactive()).isTrue();
    }

    @Test
    void dateDropsCodesNotEffectiveThatDay() {
        Parameters in = params(VS + "derm-em");
        in.addParameter().setName("date").setValue(new DateTimeType("2024-01-01"));
        ValueSet out = expandGet(in);
        assertThat(codes(out)).doesNotContain("99201").contains("99202");
        assertThat(out.getExpansion().getTotal()).isEqualTo(9);
        assertThat(parameterValues(out, "date")).containsExactly("2024-01-01");

        Parameters before = params(VS + "derm-em");
        before.addParameter().setName("date").setValue(new DateTimeType("2020-06-01"));
        assertThat(codes(expandGet(before))).contains("99201").hasSize(10);

        Parameters biopsy2018 = params(VS + "derm-biopsy");
        biopsy2018.addParameter().setName("date").setValue(new DateTimeType("2018-06-01"));
        assertThat(codes(expandGet(biopsy2018))).contains("11100", "11101", "40490")
                .doesNotContain("11102", "11107");
    }

    private ValueSet onDate(String url, String filter, String date) {
        Parameters in = params(url);
        in.addParameter().setName("filter").setValue(new StringType(filter));
        in.addParameter().setName("date").setValue(new DateTimeType(date));
        in.addParameter().setName("excludeNested").setValue(new BooleanType(true));
        return expandGet(in);
    }

    @Test
    void dateTakesTheIcdFiscalYearInForce() {
        // L29.8 is billable (selectable) in FY2024 and a header (abstract) from FY2025
        ValueSet fy2024 = onDate(VS + "derm-diagnoses", "pruritus", "2024-06-01");
        ValueSetExpansionContainsComponent billable = find(fy2024.getExpansion().getContains(), "L29.8");
        assertThat(billable.getAbstract()).isFalse();
        assertThat(billable.getVersion()).isEqualTo("2024");
        assertThat(codes(fy2024)).doesNotContain("L29.89");
        assertThat(parameterValues(fy2024, "used-codesystem")).contains(SystemUrls.ICD10CM + "|2024");
        ValueSet fy2025 = onDate(VS + "derm-diagnoses", "pruritus", "2025-06-01");
        ValueSetExpansionContainsComponent header = find(fy2025.getExpansion().getContains(), "L29.8");
        assertThat(header.getAbstract()).isTrue();
        assertThat(header.getVersion()).isEqualTo("2025");
        assertThat(codes(fy2025)).contains("L29.89");
    }

    @Test
    void dateTakesTheHcpcsYearInForce() {
        ValueSet in2025 = onDate(VS + "derm-procedures", "j7309", "2025-06-01");
        ValueSetExpansionContainsComponent j7309 = find(in2025.getExpansion().getContains(), "J7309");
        assertThat(j7309.getInactive()).isFalse();
        assertThat(j7309.getVersion()).isEqualTo("2025");
        assertThat(codes(onDate(VS + "derm-procedures", "j7309", "2026-06-01"))).doesNotContain("J7309");
    }

    @Test
    void systemVersionTakesThatVersionOverTheDate() {
        Parameters in = params(VS + "derm-diagnoses");
        in.addParameter().setName("filter").setValue(new StringType("pruritus"));
        in.addParameter().setName("excludeNested").setValue(new BooleanType(true));
        in.addParameter().setName("system-version").setValue(new CanonicalType(
                SystemUrls.ICD10CM + "|2024"));
        ValueSet fy2024 = expandGet(in);
        assertThat(find(fy2024.getExpansion().getContains(), "L29.8").getAbstract()).isFalse();
        assertThat(parameterValues(fy2024, "used-codesystem")).containsExactly(SystemUrls.ICD10CM + "|2024");
        assertThat(parameterValues(fy2024, "system-version")).containsExactly(SystemUrls.ICD10CM + "|2024");
        in.addParameter().setName("date").setValue(new DateTimeType("2026-06-01"));
        assertThat(find(expandGet(in).getExpansion().getContains(), "L29.8").getVersion()).isEqualTo("2024");

        Parameters unknown = params(VS + "derm-diagnoses");
        unknown.addParameter().setName("system-version").setValue(new CanonicalType(
                SystemUrls.ICD10CM + "|1999"));
        assertThatThrownBy(() -> expandGet(unknown)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("version 1999");
        Parameters malformed = params(VS + "derm-diagnoses");
        malformed.addParameter().setName("system-version").setValue(new CanonicalType(
                SystemUrls.ICD10CM));
        assertThatThrownBy(() -> expandGet(malformed)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("system-version");
    }

    @Test
    void inlineValueSetTakesTheVersionInForceOnTheDate() {
        ValueSet inline = new ValueSet();
        inline.setStatus(PublicationStatus.ACTIVE);
        inline.getCompose().addInclude().setSystem(SystemUrls.ICD10CM).addFilter().setProperty("concept")
                .setOp(ValueSet.FilterOperator.ISA).setValue("L29");
        Parameters in = new Parameters();
        in.addParameter().setName("valueSet").setResource(inline);
        in.addParameter().setName("date").setValue(new DateTimeType("2024-06-01"));
        in.addParameter().setName("excludeNested").setValue(new BooleanType(true));
        ValueSet fy2024 = expandPost(in);
        assertThat(find(fy2024.getExpansion().getContains(), "L29.8").getAbstract()).isFalse();
        assertThat(codes(fy2024)).doesNotContain("L29.89");
    }

    @Test
    void pickListsShowCodesInForceTodayBeforeRetiredOnes() {
        Parameters biopsy = params(VS + "derm-procedures");
        biopsy.addParameter().setName("filter").setValue(new StringType("skin biopsy"));
        ValueSet out = expandGet(biopsy);
        List<String> codes = codes(out);
        assertThat(codes).contains("11102", "11104", "11100", "11101");
        assertThat(codes.get(0)).isNotIn("11100", "11101");
        assertThat(codes.subList(codes.size() - 2, codes.size())).containsExactly("11100", "11101");
        assertThat(find(out.getExpansion().getContains(), "11100").getInactive()).isTrue();
        assertThat(find(out.getExpansion().getContains(), "11102").hasInactive()).isFalse();

        Parameters newPatient = params(VS + "derm-em");
        newPatient.addParameter().setName("filter").setValue(new StringType("new patient"));
        List<String> visits = codes(expandGet(newPatient));
        assertThat(visits.get(0)).isEqualTo("99202");
        assertThat(visits.get(visits.size() - 1)).isEqualTo("99201");

        // paging pages the ordered list: the first page holds no retired code
        Parameters firstPage = params(VS + "derm-procedures");
        firstPage.addParameter().setName("filter").setValue(new StringType("biopsy"));
        firstPage.addParameter().setName("count").setValue(new IntegerType(3));
        assertThat(codes(expandGet(firstPage))).doesNotContain("11100", "11101");

        // activeOnly still leaves them out; the value set keeps them
        biopsy.addParameter().setName("activeOnly").setValue(new BooleanType(true));
        assertThat(codes(expandGet(biopsy))).doesNotContain("11100", "11101").contains("11102");
    }

    @Test
    void withADateTheInactiveFlagFollowsThatDate() {
        Parameters biopsy2018 = params(VS + "derm-procedures");
        biopsy2018.addParameter().setName("filter").setValue(new StringType("biopsy"));
        biopsy2018.addParameter().setName("date").setValue(new DateTimeType("2018-06-01"));
        ValueSet out = expandGet(biopsy2018);
        ValueSetExpansionContainsComponent code11100 = find(out.getExpansion().getContains(), "11100");
        assertThat(code11100.getInactive()).as("11100 was active until 2019-01-01").isFalse();
        Parameters validate = new Parameters();
        validate.addParameter().setName("url").setValue(new UriType(VS + "derm-procedures"));
        validate.addParameter().setName("system").setValue(new UriType(SystemUrls.CPT));
        validate.addParameter().setName("code").setValue(new CodeType("11100"));
        validate.addParameter().setName("date").setValue(new DateTimeType("2018-06-01"));
        Parameters valid = client.operation().onType(ValueSet.class).named("$validate-code").withParameters(validate)
                .useHttpGet().execute();
        assertThat(((BooleanType) value(valid, "result")).booleanValue()).isTrue();

        biopsy2018.addParameter().setName("activeOnly").setValue(new BooleanType(true));
        assertThat(codes(expandGet(biopsy2018))).as("active on that date").contains("11100");

        Parameters visits2020 = params(VS + "derm-em");
        visits2020.addParameter().setName("date").setValue(new DateTimeType("2020-06-01"));
        assertThat(find(expandGet(visits2020).getExpansion().getContains(), "99201").hasInactive()).isFalse();
    }

    @Test
    void instanceLevelExpandsThatValueSet() {
        ValueSet out = client.operation().onInstance(new IdType("ValueSet", "derm-mohs")).named("$expand")
                .withNoParameters(Parameters.class).useHttpGet().returnResourceType(ValueSet.class).execute();
        assertThat(out.getExpansion().getTotal()).isEqualTo(5);
        assertThat(codes(out)).containsExactly("17311", "17312", "17313", "17314", "17315");
    }

    @Test
    void inlineValueSetIsExpanded() {
        ValueSet inline = new ValueSet();
        inline.setStatus(PublicationStatus.ACTIVE);
        ValueSet.ConceptSetComponent include = inline.getCompose().addInclude().setSystem(SystemUrls.CPT);
        include.addConcept().setCode("17000");
        include.addConcept().setCode("11104");
        Parameters in = new Parameters();
        in.addParameter().setName("valueSet").setResource(inline);
        ValueSet out = expandPost(in);
        assertThat(out.getExpansion().getTotal()).isEqualTo(2);
        assertThat(codes(out)).containsExactly("17000", "11104");
        assertThat(find(out.getExpansion().getContains(), "11104").getDisplay()).containsIgnoringCase("punch biopsy");
    }

    @Test
    void txResourcesServeOneRequestOnly() {
        CodeSystem cs = new CodeSystem();
        cs.setId("example-cs");
        cs.setUrl("http://example.org/cs");
        cs.setVersion("1");
        cs.setStatus(PublicationStatus.ACTIVE);
        cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.addConcept().setCode("a").setDisplay("Alpha");
        cs.addConcept().setCode("b").setDisplay("Beta");
        ValueSet vs = new ValueSet();
        vs.setId("example-vs");
        vs.setUrl("http://example.org/vs");
        vs.setStatus(PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem("http://example.org/cs");

        Parameters in = params("http://example.org/vs");
        in.addParameter().setName("tx-resource").setResource(cs);
        in.addParameter().setName("tx-resource").setResource(vs);
        ValueSet out = expandPost(in);
        assertThat(out.getExpansion().getTotal()).isEqualTo(2);
        assertThat(codes(out)).containsExactly("a", "b");
        assertThat(out.getExpansion().getContainsFirstRep().getDisplay()).isEqualTo("Alpha");
        assertThat(parameterValues(out, "used-codesystem")).containsExactly("http://example.org/cs|1");

        assertThatThrownBy(() -> expandGet(params("http://example.org/vs")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("http://example.org/vs");
        assertThatThrownBy(() -> client.read().resource(ValueSet.class).withId("example-vs").execute())
                .isInstanceOf(ResourceNotFoundException.class);
        ValueSet usingTheirSystem = new ValueSet();
        usingTheirSystem.setStatus(PublicationStatus.ACTIVE);
        usingTheirSystem.getCompose().addInclude().setSystem("http://example.org/cs");
        Parameters again = new Parameters();
        again.addParameter().setName("valueSet").setResource(usingTheirSystem);
        assertThatThrownBy(() -> expandPost(again)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("http://example.org/cs");
    }

    @Test
    void unknownUrlIs404() {
        assertThatThrownBy(() -> expandGet(params(VS + "no-such-value-set")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("no-such-value-set");
    }

    @Test
    void unknownFilterOpIs400() {
        ValueSet inline = new ValueSet();
        inline.setStatus(PublicationStatus.ACTIVE);
        inline.getCompose().addInclude().setSystem(SystemUrls.CPT).addFilter().setProperty("concept")
                .setOp(ValueSet.FilterOperator.REGEX).setValue("11.*");
        Parameters in = new Parameters();
        in.addParameter().setName("valueSet").setResource(inline);
        assertThatThrownBy(() -> expandPost(in)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("regex");

        ValueSet badProperty = new ValueSet();
        badProperty.setStatus(PublicationStatus.ACTIVE);
        badProperty.getCompose().addInclude().setSystem(SystemUrls.CPT).addFilter().setProperty("noSuchProperty")
                .setOp(ValueSet.FilterOperator.EQUAL).setValue("x");
        Parameters in2 = new Parameters();
        in2.addParameter().setName("valueSet").setResource(badProperty);
        assertThatThrownBy(() -> expandPost(in2)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("noSuchProperty");
    }

    @Test
    void urlAndValueSetTogetherIs400() {
        ValueSet inline = new ValueSet();
        inline.setStatus(PublicationStatus.ACTIVE);
        inline.getCompose().addInclude().setSystem(SystemUrls.CPT).addConcept().setCode("17000");
        Parameters in = params(VS + "derm-mohs");
        in.addParameter().setName("valueSet").setResource(inline);
        assertThatThrownBy(() -> expandPost(in)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("url").hasMessageContaining("valueSet");
    }

    @Test
    void unknownExtraParametersAreIgnored() {
        Parameters in = params(VS + "derm-mohs");
        in.addParameter().setName("noSuchParameter").setValue(new StringType("x"));
        assertThat(expandGet(in).getExpansion().getTotal()).isEqualTo(5);
    }
}
