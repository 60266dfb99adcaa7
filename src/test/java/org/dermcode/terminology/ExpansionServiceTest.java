package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.FilterOperator;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code $expand} without HTTP: text filter, paging, hierarchy, date/activeOnly and the compose filters. */
class ExpansionServiceTest {

    private static final TerminologyRepository REPOSITORY = TestTerminology.REPOSITORY;
    private static final ExpansionService SERVICE = TestTerminology.EXPANSIONS;
    private static final String VS = "http://dermcode.org/fhir/ValueSet/";

    private static ValueSet hosted(String id) {
        return REPOSITORY.valueSet(VS + id, null).orElseThrow();
    }

    /** Builder-ish access to ExpandRequest with the defaults of the provider. */
    private static final class Req {
        ValueSet valueSet;
        String filter;
        LocalDate date;
        int offset;
        int count = 100;
        boolean activeOnly;
        boolean excludeNested;

        Req(ValueSet valueSet) {
            this.valueSet = valueSet;
        }

        Req filter(String f) {
            filter = f;
            return this;
        }

        Req date(String d) {
            date = LocalDate.parse(d);
            return this;
        }

        Req page(int o, int c) {
            offset = o;
            count = c;
            return this;
        }

        Req activeOnly() {
            activeOnly = true;
            return this;
        }

        Req excludeNested() {
            excludeNested = true;
            return this;
        }

        ValueSet.ValueSetExpansionComponent expand() {
            return expand(REPOSITORY);
        }

        ValueSet.ValueSetExpansionComponent expand(TerminologyRepository scope) {
            return SERVICE.expand(new ExpandRequest(valueSet, filter, date, offset, count, false, activeOnly,
                    excludeNested, null, List.of()), scope).getExpansion();
        }
    }

    private static Req req(String id) {
        return new Req(hosted(id));
    }

    private static Req req(ValueSet valueSet) {
        return new Req(valueSet);
    }

    /** Codes of the top-level contains, in order. */
    private static List<String> top(ValueSet.ValueSetExpansionComponent expansion) {
        return expansion.getContains().stream().map(ValueSetExpansionContainsComponent::getCode).toList();
    }

    /** Codes of all contains, depth-first. */
    private static List<String> all(ValueSet.ValueSetExpansionComponent expansion) {
        List<String> result = new ArrayList<>();
        collect(expansion.getContains(), result);
        return result;
    }

    private static void collect(List<ValueSetExpansionContainsComponent> contains, List<String> out) {
        for (ValueSetExpansionContainsComponent c : contains) {
            out.add(c.getCode());
            collect(c.getContains(), out);
        }
    }

    private static ValueSet inline(ConceptSetComponent... includes) {
        ValueSet vs = new ValueSet();
        vs.setUrl("http://example.org/ValueSet/inline-" + System.nanoTime());
        vs.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
        for (ConceptSetComponent include : includes) {
            vs.getCompose().addInclude(include);
        }
        return vs;
    }

    private static ConceptSetComponent cpt(String property, FilterOperator op, String value) {
        ConceptSetComponent include = new ConceptSetComponent().setSystem(SystemUrls.CPT);
        include.addFilter().setProperty(property).setOp(op).setValue(value);
        return include;
    }

    private static List<String> codes(ValueSet valueSet) {
        return new ValueSetExpander(REPOSITORY).expand(valueSet).stream().map(ExpansionEntry::code).toList();
    }

    // ------------------------------------------------------------------ text filter

    @Test
    void filterFindsDisplayWordsByPrefix() {
        var expansion = req("derm-procedures").filter("biopsy").expand();
        assertThat(all(expansion)).containsExactlyInAnyOrder("11100", "11101", "11102", "11103", "11104", "11105",
                "11106", "11107", "40490", "69100", "11755", "30100", "67810", "88305");
        assertThat(expansion.getTotal()).isEqualTo(14);
        assertThat(all(req("derm-procedures").filter("bio").expand())).hasSize(14);
        assertThat(all(req("derm-procedures").filter("iopsy").expand())).isEmpty();
    }

    @Test
    void filterIsCaseInsensitive() {
        assertThat(all(req("derm-procedures").filter("BIOPSY").expand()))
                .isEqualTo(all(req("derm-procedures").filter("biopsy").expand()));
        assertThat(all(req("derm-modifiers").filter("xs").expand())).contains("XS");
    }

    @Test
    void filterWordsAreAnded() {
        assertThat(all(req("derm-procedures").filter("punch biopsy").expand())).containsExactly("11104", "11105");
        assertThat(all(req("derm-procedures").filter("mohs first").expand())).containsExactly("17311", "17313");
        assertThat(all(req("derm-procedures").filter("mohs first trunk").expand())).containsExactly("17313");
        assertThat(all(req("derm-procedures").filter("mohs biopsy").expand())).isEmpty();
    }

    @Test
    void filterMatchesCodePrefix() {
        assertThat(all(req("derm-procedures").filter("1731").expand()))
                .containsExactly("17311", "17312", "17313", "17314", "17315");
        // 99201 (deleted 2021) after the codes in force today
        assertThat(all(req("derm-procedures").filter("992").expand()))
                .containsExactly("99202", "99203", "99204", "99205", "99211", "99212", "99213", "99214",
                        "99215", "99201");
        assertThat(all(req("derm-procedures").filter("j73").expand())).containsExactly("J7308", "J7345", "J7309");
    }

    @Test
    void filterFindsSitesSizesAndTheWordsUsersType() {
        assertThat(all(req("derm-procedures").filter("skin cancer excision face 1.1").expand())).containsExactly("11642");
        assertThat(all(req("derm-shave").filter("face 0.5").expand())).containsExactly("11310");
        assertThat(all(req("derm-repair").filter("intermediate face 2.6").expand())).containsExactly("12052");
        assertThat(all(req("derm-adjacent-tissue-transfer").filter("flap trunk").expand()))
                .containsExactly("14000", "14001");
        // abbreviations and synonyms are designations
        assertThat(all(req("derm-procedures").filter("BCC excision face").expand()))
                .containsExactly("11640", "11641", "11642", "11643", "11644", "11646");
        assertThat(all(req("derm-procedures").filter("I&D abscess").expand())).containsExactly("10060", "10061");
        assertThat(all(req("derm-procedures").filter("AK").expand())).contains("17000", "17003", "17004", "96567",
                "96573");
        assertThat(all(req("derm-procedures").filter("shave").expand())).contains("11300", "11313", "11102");
        assertThat(all(req("derm-procedures").filter("repair").expand())).contains("12001", "12057", "13160", "11760");
    }

    @Test
    void filterOnIcdCodesWithDots() {
        assertThat(all(req("derm-diagnoses").filter("L57.0").expand())).containsExactly("L57.0");
        assertThat(all(req("derm-diagnoses").filter("l57").expand())).containsExactly("L57", "L57.0", "L57.1", "L57.2",
                "L57.3", "L57.4", "L57.5", "L57.8", "L57.9");
        assertThat(all(req("derm-diagnoses").filter("actinic kera").expand())).containsExactly("L57.0");
        assertThat(all(req("derm-diagnoses").filter("L57.6").expand())).isEmpty();
    }

    @Test
    void filterIsEchoedAsAParameter() {
        var expansion = req("derm-procedures").filter("biopsy").expand();
        assertThat(expansion.getParameter()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("filter");
            assertThat(p.getValue().primitiveValue()).isEqualTo("biopsy");
        });
    }

    // ------------------------------------------------------------------ paging

    @Test
    void pagesCoverTheWholeExpansion() {
        var whole = req("derm-procedures").excludeNested().page(0, 1000).expand();
        assertThat(whole.getTotal()).isEqualTo(233);
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 233; offset += 10) {
            var page = req("derm-procedures").page(offset, 10).expand();
            assertThat(page.getTotal()).isEqualTo(233);
            assertThat(page.getOffset()).isEqualTo(offset);
            assertThat(page.getContains()).hasSize(Math.min(10, 233 - offset));
            paged.addAll(top(page));
        }
        assertThat(paged).isEqualTo(top(whole));
    }

    @Test
    void offsetAtOrPastTheEndGivesNoContainsAndTheTotal() {
        for (int offset : new int[] {233, 234, 1000, Integer.MAX_VALUE}) {
            var expansion = req("derm-procedures").page(offset, 10).expand();
            assertThat(expansion.getContains()).as("offset " + offset).isEmpty();
            assertThat(expansion.getTotal()).as("offset " + offset).isEqualTo(233);
        }
    }

    @Test
    void hugeCountIsNotAnOverflow() {
        var expansion = req("derm-procedures").page(5, Integer.MAX_VALUE).expand();
        assertThat(expansion.getContains()).hasSize(228);
        assertThat(expansion.getTotal()).isEqualTo(233);
    }

    @Test
    void countZeroGivesOnlyTheTotal() {
        var expansion = req("derm-procedures").page(0, 0).expand();
        assertThat(expansion.getContains()).isEmpty();
        assertThat(expansion.getTotal()).isEqualTo(233);
    }

    @Test
    void pagingAppliesAfterTheFilter() {
        var first = req("derm-procedures").filter("biopsy").page(0, 5).expand();
        var last = req("derm-procedures").filter("biopsy").page(10, 5).expand();
        assertThat(first.getTotal()).isEqualTo(14);
        assertThat(top(first)).hasSize(5);
        assertThat(last.getTotal()).isEqualTo(14);
        assertThat(top(last)).hasSize(4);
    }

    @Test
    void expansionCarriesItsParameters() {
        var expansion = req("derm-mohs").page(1, 2).expand();
        assertThat(expansion.getIdentifier()).startsWith("urn:uuid:");
        assertThat(expansion.getTimestamp()).isNotNull();
        assertThat(expansion.getParameter()).extracting(p -> p.getName() + "=" + p.getValue().primitiveValue())
                .contains("offset=1", "count=2", "used-codesystem=" + SystemUrls.CPT + "|2026");
    }

    // ------------------------------------------------------------------ hierarchy

    private static ValueSet mohsWithCategory() {
        return inline(cpt("concept", FilterOperator.ISA, "mohs"));
    }

    @Test
    void unfilteredUnpagedExpansionIsHierarchical() {
        var expansion = req(mohsWithCategory()).expand();
        assertThat(expansion.getTotal()).isEqualTo(6);
        assertThat(top(expansion)).containsExactly("mohs");
        ValueSetExpansionContainsComponent mohs = expansion.getContainsFirstRep();
        assertThat(mohs.getAbstract()).isTrue();
        assertThat(mohs.getContains()).extracting(ValueSetExpansionContainsComponent::getCode)
                .containsExactly("17311", "17312", "17313", "17314", "17315");
        // a count that covers everything is not paging
        assertThat(top(req(mohsWithCategory()).page(0, 6).expand())).containsExactly("mohs");
    }

    @Test
    void icdExpansionNestsCodesUnderTheirCategory() {
        var expansion = req("dx-psoriasis").expand();
        assertThat(top(expansion)).containsExactly("L40");
        assertThat(expansion.getContainsFirstRep().getContains()).isNotEmpty();
    }

    @Test
    void filteredExpansionIsFlat() {
        var expansion = req(mohsWithCategory()).filter("mohs").expand();
        assertThat(top(expansion)).containsExactly("mohs", "17311", "17312", "17313", "17314", "17315");
        assertThat(expansion.getContains()).allSatisfy(c -> assertThat(c.getContains()).isEmpty());
    }

    @Test
    void pagedExpansionIsFlat() {
        assertThat(top(req(mohsWithCategory()).page(0, 3).expand())).containsExactly("mohs", "17311", "17312");
        assertThat(top(req(mohsWithCategory()).page(1, 100).expand()))
                .containsExactly("17311", "17312", "17313", "17314", "17315");
    }

    @Test
    void excludeNestedIsFlat() {
        var expansion = req(mohsWithCategory()).excludeNested().expand();
        assertThat(top(expansion)).containsExactly("mohs", "17311", "17312", "17313", "17314", "17315");
    }

    // ------------------------------------------------------------------ date and activeOnly

    @Test
    void dateLeavesOutCodesNotEffectiveThatDay() {
        assertThat(all(req("derm-em").date("2024-01-01").expand())).doesNotContain("99201").hasSize(9);
        assertThat(all(req("derm-em").date("2020-06-01").expand())).contains("99201", "99202").hasSize(10);
        // retirementDate is the first day the code is no longer valid
        assertThat(all(req("derm-em").date("2020-12-31").expand())).contains("99201");
        assertThat(all(req("derm-em").date("2021-01-01").expand())).doesNotContain("99201");
        assertThat(all(req("derm-em").expand())).contains("99201").hasSize(10);
    }

    @Test
    void dateTakesTheCodeSystemVersionInForceThatDay() {
        // L02.217 (flank abscess) is new in FY2026; L29.81 exists from FY2025, when L29.8 became a header
        assertThat(all(req("derm-diagnoses").date("2025-09-30").page(0, 5000).expand())).doesNotContain("L02.217")
                .contains("L29.81");
        assertThat(all(req("derm-diagnoses").date("2025-10-01").page(0, 5000).expand())).contains("L02.217");
        assertThat(all(req("derm-diagnoses").date("2024-06-01").page(0, 5000).expand())).doesNotContain("L29.81")
                .contains("L29.8");
        assertThat(req("derm-diagnoses").date("2024-06-01").expand().getParameter())
                .extracting(p -> p.getName() + "=" + p.getValue().primitiveValue())
                .contains("used-codesystem=" + SystemUrls.ICD10CM + "|2024");
        // J7309 is retired in the 2026 HCPCS version only
        assertThat(all(req("derm-procedures").date("2025-06-01").activeOnly().page(0, 1000).expand())).contains("J7309");
        assertThat(all(req("derm-procedures").date("2026-06-01").activeOnly().page(0, 1000).expand()))
                .doesNotContain("J7309");
    }

    @Test
    void dateHonoursEffectiveDates() {
        assertThat(all(req("derm-biopsy").date("2018-06-01").expand()))
                .containsExactly("11100", "11101", "40490", "69100", "11755", "30100", "67810");
        assertThat(all(req("derm-biopsy").date("2019-01-01").expand()))
                .containsExactly("11102", "11103", "11104", "11105", "11106", "11107", "40490", "69100", "11755",
                        "30100", "67810");
    }

    @Test
    void activeOnlyLeavesOutRetiredCodes() {
        assertThat(all(req("derm-em").activeOnly().expand())).doesNotContain("99201").hasSize(9);
        assertThat(all(req("derm-biopsy").activeOnly().expand())).doesNotContain("11100", "11101").hasSize(11);
        var everything = req("derm-em").expand();
        assertThat(everything.getContains()).filteredOn(c -> c.getCode().equals("99201"))
                .singleElement().satisfies(c -> assertThat(c.getInactive()).isTrue());
    }

    @Test
    void dateAndActiveOnlyWorkForRequestResourcesToo() {
        ValueSet em = hosted("derm-em").copy();
        em.setUrl("http://example.org/ValueSet/my-em");
        TerminologyRepository scope = REPOSITORY.withRequestResources(List.of(em));
        assertThat(all(req(em).date("2024-01-01").expand(scope))).doesNotContain("99201").hasSize(9);
        assertThat(all(req(em).activeOnly().expand(scope))).doesNotContain("99201").hasSize(9);
        assertThat(all(req(em).expand(scope))).hasSize(10);
    }

    @Test
    void cachedContentDoesNotMixDates() {
        assertThat(all(req("derm-em").date("2020-06-01").expand())).contains("99201");
        assertThat(all(req("derm-em").date("2024-06-01").expand())).doesNotContain("99201");
        assertThat(all(req("derm-em").date("2020-06-01").expand())).contains("99201");
    }

    // ------------------------------------------------------------------ compose filters (ValueSetExpander)

    @Nested
    class ComposeFilters {

        @Test
        void isAIncludesTheConceptAndItsDescendants() {
            assertThat(codes(inline(cpt("concept", FilterOperator.ISA, "biopsy")))).containsExactly("biopsy",
                    "11100", "11101", "11102", "11103", "11104", "11105", "11106", "11107", "40490", "69100", "11755", "30100",
                    "67810");
            assertThat(codes(inline(cpt("concept", FilterOperator.ISA, "em")))).hasSize(13).startsWith("em");
        }

        @Test
        void descendentOfLeavesTheConceptOut() {
            assertThat(codes(inline(cpt("concept", FilterOperator.DESCENDENTOF, "mohs"))))
                    .containsExactly("17311", "17312", "17313", "17314", "17315");
        }

        @Test
        void isNotA() {
            List<String> codes = codes(inline(cpt("concept", FilterOperator.ISNOTA, "em")));
            assertThat(codes).doesNotContain("em", "em-new", "99202").contains("biopsy", "17311", "25");
        }

        @Test
        void equalsOnConceptAndProperty() {
            assertThat(codes(inline(cpt("concept", FilterOperator.EQUAL, "17311")))).containsExactly("17311");
            assertThat(codes(inline(cpt("kind", FilterOperator.EQUAL, "add-on")))).containsExactly("11103", "11105",
                    "11107", "17003", "17312", "17314", "17315", "88341", "88350", "11201", "13102", "13122", "13133",
                    "13153", "14302", "11732", "15787", "96934", "96935", "96936");
            assertThat(codes(inline(cpt("addOnTo", FilterOperator.EQUAL, "17311")))).containsExactly("17312", "17315");
        }

        @Test
        void inOnConceptAndProperty() {
            assertThat(codes(inline(cpt("concept", FilterOperator.IN, "17313,17311")))).containsExactly("17311", "17313");
            assertThat(codes(inline(cpt("mueUnits", FilterOperator.IN, "13,15")))).containsExactly("17003", "17315",
                    "88341", "88332");
        }

        @Test
        void exists() {
            assertThat(codes(inline(cpt("emTimeMinutes", FilterOperator.EXISTS, "true")))).containsExactly("99202",
                    "99203", "99204", "99205", "99212", "99213", "99214", "99215");
            List<String> without = codes(inline(cpt("emTimeMinutes", FilterOperator.EXISTS, "false")));
            assertThat(without).contains("99201", "99211", "17311", "em").doesNotContain("99202", "99215");
            assertThat(without).hasSize(REPOSITORY.codeSystem(SystemUrls.CPT).orElseThrow().size() - 8);
        }

        @Test
        void filtersInOneIncludeAreAnded() {
            ConceptSetComponent include = cpt("concept", FilterOperator.ISA, "biopsy");
            include.addFilter().setProperty("kind").setOp(FilterOperator.EQUAL).setValue("add-on");
            assertThat(codes(inline(include))).containsExactly("11103", "11105", "11107");
        }

        @Test
        void includesAreUnitedAndExcludesRemoved() {
            ValueSet vs = inline(cpt("concept", FilterOperator.DESCENDENTOF, "mohs"),
                    cpt("concept", FilterOperator.EQUAL, "17000"));
            vs.getCompose().addExclude().setSystem(SystemUrls.CPT).addConcept().setCode("17315");
            assertThat(codes(vs)).containsExactly("17311", "17312", "17313", "17314", "17000");
        }

        @Test
        void importedValueSets() {
            ValueSet vs = new ValueSet();
            vs.getCompose().addInclude().addValueSet(VS + "derm-mohs");
            vs.getCompose().addExclude().setSystem(SystemUrls.CPT).addConcept().setCode("17311");
            assertThat(codes(vs)).containsExactly("17312", "17313", "17314", "17315");
            // system and value set in one include: the intersection
            ConceptSetComponent both = cpt("kind", FilterOperator.EQUAL, "add-on").addValueSet(VS + "derm-mohs");
            assertThat(codes(inline(both))).containsExactly("17312", "17314", "17315");
        }

        @Test
        void unsupportedOpIsABadRequestNamingTheOp() {
            for (FilterOperator op : List.of(FilterOperator.REGEX, FilterOperator.GENERALIZES, FilterOperator.NOTIN)) {
                assertThatThrownBy(() -> codes(inline(cpt("concept", op, "17.*"))))
                        .as(op.toCode())
                        .isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("'" + op.toCode() + "'");
            }
        }

        @Test
        void unknownOpCodeIsRefusedWhenTheValueSetIsParsed() {
            // an R5 op that R4 does not define: the server's parser (HAPI's default error handler refuses
            // invalid codes) answers 400 naming it before the ValueSet reaches the expander
            String json = """
                    {"resourceType": "ValueSet", "status": "active", "compose": {"include": [
                      {"system": "http://www.ama-assn.org/go/cpt",
                       "filter": [{"property": "concept", "op": "child-of", "value": "mohs"}]}]}}
                    """;
            assertThatThrownBy(() -> TestTerminology.FHIR.newJsonParser().parseResource(ValueSet.class, json))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("child-of");
        }

        @Test
        void filterWithoutOpIsABadRequest() {
            ConceptSetComponent include = new ConceptSetComponent().setSystem(SystemUrls.CPT);
            include.addFilter().setProperty("concept").setValue("mohs");
            assertThatThrownBy(() -> codes(inline(include)))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'concept' has no op");
        }

        @Test
        void unknownPropertyIsABadRequestNamingTheProperty() {
            assertThatThrownBy(() -> codes(inline(cpt("colour", FilterOperator.EQUAL, "blue"))))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'colour'")
                    .hasMessageContaining(SystemUrls.CPT);
        }

        @Test
        void unknownCodeSystemWithoutConceptsIsABadRequest() {
            ConceptSetComponent include = new ConceptSetComponent().setSystem("http://example.org/unknown");
            assertThatThrownBy(() -> codes(inline(include)))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("http://example.org/unknown");
        }

        @Test
        void unknownImportedValueSet() {
            ValueSet vs = new ValueSet();
            vs.getCompose().addInclude().addValueSet("http://example.org/ValueSet/nope");
            assertThatThrownBy(() -> codes(vs))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("http://example.org/ValueSet/nope");
        }

        @Test
        void importCycleIsAnError() {
            ValueSet a = new ValueSet().setUrl("http://example.org/ValueSet/a");
            ValueSet b = new ValueSet().setUrl("http://example.org/ValueSet/b");
            a.getCompose().addInclude().addValueSet("http://example.org/ValueSet/b");
            b.getCompose().addInclude().addValueSet("http://example.org/ValueSet/a");
            TerminologyRepository scope = REPOSITORY.withRequestResources(List.of(a, b));
            assertThatThrownBy(() -> new ValueSetExpander(scope).expand(a))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("cycle");
            assertThatThrownBy(() -> req(a).expand(scope))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("cycle");
        }

        @Test
        void selfImportIsAnError() {
            ValueSet self = new ValueSet().setUrl("http://example.org/ValueSet/self");
            self.getCompose().addInclude().addValueSet("http://example.org/ValueSet/self");
            TerminologyRepository scope = REPOSITORY.withRequestResources(List.of(self));
            assertThatThrownBy(() -> new ValueSetExpander(scope).expand(self))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("cycle");
        }
    }
}
