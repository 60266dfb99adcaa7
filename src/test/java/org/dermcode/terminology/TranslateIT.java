package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dermcode.ServerIT;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;

class TranslateIT extends ServerIT {

    private static final String MAP = SystemUrls.CANONICAL_BASE + "/ConceptMap/cpt-retired-replacements";

    private record Match(String equivalence, Coding concept) {}

    private static List<Match> matches(Parameters out) {
        return out.getParameter().stream().filter(p -> "match".equals(p.getName())).map(p -> new Match(
                part(p, "equivalence").primitiveValue(), (Coding) part(p, "concept"))).toList();
    }

    private static Type part(ParametersParameterComponent p, String name) {
        return p.getPart().stream().filter(x -> name.equals(x.getName())).findFirst()
                .map(ParametersParameterComponent::getValue).orElse(null);
    }

    private static boolean result(Parameters out) {
        return ((BooleanType) value(out, "result")).booleanValue();
    }

    private Parameters translate(Parameters in, boolean get) {
        var op = client.operation().onType(ConceptMap.class).named("$translate").withParameters(in);
        return get ? op.useHttpGet().execute() : op.execute();
    }

    private static Parameters in(String url, String system, String code) {
        Parameters in = new Parameters();
        if (url != null) {
            in.addParameter().setName("url").setValue(new UriType(url));
        }
        if (system != null) {
            in.addParameter().setName("system").setValue(new UriType(system));
        }
        in.addParameter().setName("code").setValue(new CodeType(code));
        return in;
    }

    @Test
    void retiredVisitCodeTranslatesToItsWiderReplacement() {
        Parameters out = translate(in(MAP, SystemUrls.CPT, "99201"), true);
        assertThat(result(out)).isTrue();
        List<Match> matches = matches(out);
        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).equivalence()).isEqualTo("wider");
        assertThat(matches.get(0).concept().getCode()).isEqualTo("99202");
        assertThat(matches.get(0).concept().getSystem()).isEqualTo(SystemUrls.CPT);
    }

    @Test
    void withoutUrlEveryMapIsSearched() {
        Parameters out = translate(in(null, SystemUrls.CPT, "99201"), true);
        assertThat(result(out)).isTrue();
        assertThat(matches(out)).extracting(m -> m.concept().getCode()).containsExactly("99202");
    }

    @Test
    void retiredBiopsyCodeHasThreeNarrowerTargets() {
        Parameters out = translate(in(MAP, SystemUrls.CPT, "11100"), false);
        assertThat(result(out)).isTrue();
        assertThat(matches(out)).extracting(m -> m.concept().getCode()).containsExactlyInAnyOrder("11102", "11104", "11106");
        assertThat(matches(out)).extracting(Match::equivalence).containsOnly("narrower");
    }

    @Test
    void reverseFindsTheRetiredSource() {
        Parameters in = in(MAP, SystemUrls.CPT, "99202");
        in.addParameter().setName("reverse").setValue(new BooleanType(true));
        Parameters out = translate(in, true);
        assertThat(result(out)).isTrue();
        assertThat(matches(out)).extracting(m -> m.concept().getCode()).containsExactly("99201");

        Parameters forward = translate(in(MAP, SystemUrls.CPT, "99202"), true);
        assertThat(result(forward)).isFalse();
    }

    @Test
    void r5ParameterNamesAreAccepted() {
        Parameters in = new Parameters();
        in.addParameter().setName("url").setValue(new UriType(MAP));
        in.addParameter().setName("sourceCode").setValue(new CodeType("11101"));
        in.addParameter().setName("sourceSystem").setValue(new UriType(SystemUrls.CPT));
        in.addParameter().setName("targetSystem").setValue(new UriType(SystemUrls.CPT));
        Parameters out = translate(in, false);
        assertThat(result(out)).isTrue();
        assertThat(matches(out)).extracting(m -> m.concept().getCode()).containsExactlyInAnyOrder("11103", "11105", "11107");

        Parameters otherTarget = new Parameters();
        otherTarget.addParameter().setName("sourceCode").setValue(new CodeType("99201"));
        otherTarget.addParameter().setName("sourceSystem").setValue(new UriType(SystemUrls.CPT));
        otherTarget.addParameter().setName("targetSystem").setValue(new UriType(SystemUrls.ICD10CM));
        assertThat(result(translate(otherTarget, true))).isFalse();
    }

    @Test
    void codeWithoutMappingIsFalseWithAMessage() {
        Parameters out = translate(in(MAP, SystemUrls.CPT, "17000"), true);
        assertThat(result(out)).isFalse();
        assertThat(value(out, "message").primitiveValue()).contains("17000");
        assertThat(matches(out)).isEmpty();
    }

    @Test
    void codingParameterWorks() {
        Parameters in = new Parameters();
        in.addParameter().setName("coding").setValue(new Coding(SystemUrls.CPT, "99201", null));
        Parameters out = translate(in, false);
        assertThat(matches(out)).extracting(m -> m.concept().getCode()).containsExactly("99202");
    }

    @Test
    void instanceLevelUsesThatMap() {
        Parameters out = client.operation().onInstance(new IdType("ConceptMap", "cpt-retired-replacements"))
                .named("$translate").withParameter(Parameters.class, "code", new CodeType("99201"))
                .useHttpGet().execute();
        assertThat(result(out)).isTrue();
        assertThat(matches(out)).extracting(m -> m.concept().getCode()).containsExactly("99202");
    }

    @Test
    void r5TargetCodeTranslatesBackAndNamesTheSourceCode() {
        Parameters in = new Parameters();
        in.addParameter().setName("url").setValue(new UriType(MAP));
        in.addParameter().setName("targetCode").setValue(new CodeType("99202"));
        in.addParameter().setName("targetSystem").setValue(new UriType(SystemUrls.CPT));
        Parameters out = translate(in, false);

        assertThat(result(out)).isTrue();
        ParametersParameterComponent match = out.getParameter().stream().filter(p -> "match".equals(p.getName()))
                .findFirst().orElseThrow();
        // the mapping as the map holds it: its target is the code sent, its source the retired code
        assertThat(((Coding) part(match, "concept")).getCode()).isEqualTo("99202");
        assertThat(((Coding) part(match, "source")).getCode()).isEqualTo("99201");
        assertThat(part(match, "originMap").primitiveValue()).startsWith(MAP);
    }

    @Test
    void targetCodeAndSourceCodeTogetherAreRefused() {
        Parameters in = in(MAP, SystemUrls.CPT, "99201");
        in.addParameter().setName("targetCode").setValue(new CodeType("99202"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> translate(in, false))
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.InvalidRequestException.class)
                .hasMessageContaining("targetCode");
    }

    @Test
    void everyTxResourceMapIsSearchedEvenWhenTwoShareAnIdAndUrl() {
        Parameters in = new Parameters();
        in.addParameter().setName("tx-resource").setResource(map("http://example.org/a", "a1", "http://example.org/b", "b1"));
        in.addParameter().setName("tx-resource").setResource(map("http://example.org/c", "c1", "http://example.org/d", "d1"));
        in.addParameter().setName("sourceSystem").setValue(new UriType("http://example.org/a"));
        in.addParameter().setName("sourceCode").setValue(new CodeType("a1"));
        Parameters out = translate(in, false);

        assertThat(result(out)).isTrue();
        assertThat(matches(out)).extracting(m -> m.concept().getCode()).containsExactly("b1");
        ParametersParameterComponent match = out.getParameter().stream().filter(p -> "match".equals(p.getName()))
                .findFirst().orElseThrow();
        assertThat(part(match, "originMap").primitiveValue()).isEqualTo("http://example.org/ConceptMap/same|1.0");
    }

    /** A map with id 'same', url .../same, version 1.0 and one mapping from source#code to target#code. */
    private static ConceptMap map(String source, String sourceCode, String target, String targetCode) {
        ConceptMap map = new ConceptMap().setUrl("http://example.org/ConceptMap/same").setVersion("1.0")
                .setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
        map.setId("same");
        ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource(source).setTarget(target);
        group.addElement().setCode(sourceCode).addTarget().setCode(targetCode)
                .setEquivalence(org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence.EQUIVALENT);
        return map;
    }
}
