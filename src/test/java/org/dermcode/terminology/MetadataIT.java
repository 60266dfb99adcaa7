package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dermcode.ServerIT;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationDefinitionParameterComponent;
import org.hl7.fhir.r4.model.TerminologyCapabilities;
import org.junit.jupiter.api.Test;

class MetadataIT extends ServerIT {

    private CapabilityStatement capabilities() {
        return client.capabilities().ofType(CapabilityStatement.class).execute();
    }

    private static CapabilityStatementRestResourceComponent resource(CapabilityStatement cs, String type) {
        return cs.getRestFirstRep().getResource().stream().filter(r -> type.equals(r.getType())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in the CapabilityStatement"));
    }

    private static Set<String> operations(CapabilityStatement cs, String type) {
        return resource(cs, type).getOperation().stream().map(CapabilityStatementRestResourceOperationComponent::getName)
                .collect(Collectors.toSet());
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void capabilityStatementDeclaresATerminologyServer() {
        CapabilityStatement cs = capabilities();
        assertThat(cs.getInstantiates()).extracting(CanonicalType::getValue)
                .contains("http://hl7.org/fhir/CapabilityStatement/terminology-server");
        assertThat(cs.getFhirVersion().toCode()).startsWith("4.0");
        assertThat(cs.getFormat()).extracting(f -> f.getValue()).anyMatch(f -> f.contains("json"))
                .anyMatch(f -> f.contains("xml"));
    }

    @Test
    void capabilityStatementListsTheOperations() {
        CapabilityStatement cs = capabilities();
        assertThat(operations(cs, "CodeSystem")).contains("lookup", "validate-code", "subsumes");
        assertThat(operations(cs, "ValueSet")).contains("expand", "validate-code");
        assertThat(operations(cs, "ConceptMap")).contains("translate");
        Set<String> claimOperations = new HashSet<>();
        for (CapabilityStatementRestComponent rest : cs.getRest()) {
            rest.getOperation().forEach(o -> claimOperations.add(o.getName()));
            rest.getResource().stream().filter(r -> "Claim".equals(r.getType()))
                    .forEach(r -> r.getOperation().forEach(o -> claimOperations.add(o.getName())));
        }
        assertThat(claimOperations).contains("validate-claim");
        assertThat(resource(cs, "CodeSystem").getInteraction()).extracting(i -> i.getCode().toCode())
                .contains("read", "search-type");
        assertThat(resource(cs, "StructureDefinition").getInteraction()).extracting(i -> i.getCode().toCode())
                .contains("read", "search-type");
    }

    @Test
    void lookupOperationDefinitionListsItsTypedParameters() {
        CapabilityStatementRestResourceOperationComponent lookup = resource(capabilities(), "CodeSystem")
                .getOperation().stream().filter(o -> "lookup".equals(o.getName())).findFirst().orElseThrow();
        String definition = lookup.getDefinition();
        assertThat(definition).contains("OperationDefinition/");
        String id = definition.substring(definition.indexOf("OperationDefinition/") + "OperationDefinition/".length());
        OperationDefinition od = client.read().resource(OperationDefinition.class).withId(id).execute();
        assertThat(od.getCode()).isEqualTo("lookup");
        assertThat(od.getResource()).extracting(r -> r.getValue()).contains("CodeSystem");
        Map<String, OperationDefinitionParameterComponent> in = od.getParameter().stream()
                .filter(p -> p.getUse() == OperationDefinition.OperationParameterUse.IN)
                .collect(Collectors.toMap(OperationDefinitionParameterComponent::getName, p -> p, (a, b) -> a));
        assertThat(in).containsKeys("code", "system", "version", "coding", "date", "displayLanguage", "property");
        assertThat(in.get("code").getType()).isEqualTo("code");
        assertThat(in.get("system").getType()).isEqualTo("uri");
        assertThat(in.get("coding").getType()).isEqualTo("Coding");
        assertThat(in.get("date").getType()).isEqualTo("dateTime");
        assertThat(in.get("property").getType()).isEqualTo("code");
        assertThat(in.get("property").getMax()).isEqualTo("*");
        assertThat(in.get("code").getMin()).isZero();
        assertThat(in.get("code").getMax()).isEqualTo("1");
    }

    @Test
    void expandOperationDefinitionListsItsParameters() {
        CapabilityStatementRestResourceOperationComponent expand = resource(capabilities(), "ValueSet")
                .getOperation().stream().filter(o -> "expand".equals(o.getName())).findFirst().orElseThrow();
        String definition = expand.getDefinition();
        String id = definition.substring(definition.indexOf("OperationDefinition/") + "OperationDefinition/".length());
        OperationDefinition od = client.read().resource(OperationDefinition.class).withId(id).execute();
        List<String> names = od.getParameter().stream().map(OperationDefinitionParameterComponent::getName).toList();
        assertThat(names).contains("url", "valueSet", "filter", "date", "offset", "count", "activeOnly",
                "excludeNested", "tx-resource");
    }

    @Test
    void terminologyModeReturnsTerminologyCapabilities() {
        TerminologyCapabilities tc = client.fetchResourceFromUrl(TerminologyCapabilities.class,
                baseUrl() + "/metadata?mode=terminology");
        Map<String, TerminologyCapabilities.TerminologyCapabilitiesCodeSystemComponent> systems = tc.getCodeSystem()
                .stream().collect(Collectors.toMap(c -> c.getUri(), c -> c));
        assertThat(systems).containsKeys(SystemUrls.CPT, SystemUrls.HCPCS, SystemUrls.ICD10CM);
        for (String system : List.of(SystemUrls.CPT, SystemUrls.HCPCS, SystemUrls.ICD10CM)) {
            assertThat(systems.get(system).getVersion()).extracting(v -> v.getCode()).contains("2024", "2025", "2026");
            assertThat(systems.get(system).getVersion()).filteredOn(v -> v.getIsDefault()).hasSize(1);
        }
        assertThat(systems.get(SystemUrls.ICD10CM).getVersion()).extracting(v -> v.getCode())
                .containsExactlyInAnyOrder("2024", "2025", "2026", "2027");
        assertThat(systems.get(SystemUrls.CPT).getVersion()).filteredOn(v -> v.getIsDefault())
                .extracting(v -> v.getCode()).containsExactly("2026");
        assertThat(tc.getExpansion().getParameter()).extracting(p -> p.getName())
                .contains("filter", "count", "offset", "activeOnly", "excludeNested", "tx-resource");
        assertThat(tc.getExpansion().getPaging()).isTrue();
        assertThat(tc.getExpansion().getHierarchical()).isTrue();
        assertThat(tc.hasValidateCode()).isTrue();
        assertThat(tc.hasTranslation()).isTrue();
    }

    @Test
    void metadataIsServedAsXml() throws Exception {
        HttpResponse<String> byFormat = get("/metadata?_format=xml", null);
        assertThat(byFormat.statusCode()).isEqualTo(200);
        assertThat(byFormat.headers().firstValue("Content-Type").orElse("")).contains("xml");
        CapabilityStatement cs = FHIR.newXmlParser().parseResource(CapabilityStatement.class, byFormat.body());
        assertThat(cs.getInstantiates()).extracting(CanonicalType::getValue)
                .contains("http://hl7.org/fhir/CapabilityStatement/terminology-server");

        HttpResponse<String> byAccept = get("/metadata", "application/fhir+xml");
        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.headers().firstValue("Content-Type").orElse("")).contains("application/fhir+xml");
        assertThat(byAccept.body()).contains("<CapabilityStatement");

        HttpResponse<String> json = get("/metadata", null);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).contains("json");
    }

    @Test
    void terminologyCapabilitiesAreServedAsXml() throws Exception {
        HttpResponse<String> byFormat = get("/metadata?mode=terminology&_format=xml", null);
        assertThat(byFormat.statusCode()).isEqualTo(200);
        assertThat(byFormat.headers().firstValue("Content-Type").orElse("")).contains("xml");
        TerminologyCapabilities tc = FHIR.newXmlParser().parseResource(TerminologyCapabilities.class, byFormat.body());
        assertThat(tc.getCodeSystem()).extracting(c -> c.getUri()).contains(SystemUrls.CPT);

        HttpResponse<String> byAccept = get("/metadata?mode=terminology", "application/fhir+xml");
        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.body()).contains("<TerminologyCapabilities");
    }
}
