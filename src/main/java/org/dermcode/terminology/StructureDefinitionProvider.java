package org.dermcode.terminology;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StructureDefinition;

/** Read and search of the profiles in {@code profiles/}. */
public final class StructureDefinitionProvider implements IResourceProvider {

    private final TerminologyRepository repository;

    public StructureDefinitionProvider(TerminologyRepository repository) {
        this.repository = repository;
    }

    @Override
    public Class<StructureDefinition> getResourceType() {
        return StructureDefinition.class;
    }

    @Read
    public StructureDefinition read(@IdParam IdType id) {
        return ConformanceSearch.read(repository, StructureDefinition.class, id);
    }

    @Search
    public List<StructureDefinition> search(
            @Description(value = "The canonical URL, exactly")
            @OptionalParam(name = StructureDefinition.SP_URL) UriParam url,
            @Description(value = "The business version, exactly")
            @OptionalParam(name = StructureDefinition.SP_VERSION) TokenParam version,
            @Description(value = "The computer name: starts with, case-insensitive (:exact, :contains)")
            @OptionalParam(name = StructureDefinition.SP_NAME) StringParam name) {
        return ConformanceSearch.search(repository, StructureDefinition.class, url, version, name);
    }
}
