package org.dermcode.terminology;

import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.MetadataResource;

/** Read and search (url, version, name) over the repository, shared by the conformance providers. */
final class ConformanceSearch {

    private ConformanceSearch() {}

    static <T extends MetadataResource> T read(TerminologyRepository repository, Class<T> type, IIdType id) {
        return repository.byId(type.getSimpleName(), id.getIdPart())
                .map(type::cast)
                .orElseThrow(() -> new ResourceNotFoundException(type.getSimpleName() + "/" + id.getIdPart()
                        + " is not known to this server"));
    }

    static <T extends MetadataResource> List<T> search(TerminologyRepository repository, Class<T> type,
            UriParam url, TokenParam version, StringParam name) {
        List<T> result = new ArrayList<>();
        for (T resource : repository.all(type)) {
            if (url != null && url.getValue() != null
                    && !SystemUrls.normalize(url.getValue()).equals(SystemUrls.normalize(resource.getUrl()))) {
                continue;
            }
            if (version != null && version.getValue() != null && !version.getValue().equals(resource.getVersion())) {
                continue;
            }
            if (name != null && name.getValue() != null && !nameMatches(resource, name)) {
                continue;
            }
            result.add(resource);
        }
        return result;
    }

    private static boolean nameMatches(MetadataResource resource, StringParam name) {
        String wanted = name.getValue().toLowerCase(Locale.ROOT);
        String actual = resource.getName() == null ? "" : resource.getName().toLowerCase(Locale.ROOT);
        return name.isExact() ? resource.getName() != null && resource.getName().equals(name.getValue())
                : name.isContains() ? actual.contains(wanted) : actual.startsWith(wanted);
    }
}
