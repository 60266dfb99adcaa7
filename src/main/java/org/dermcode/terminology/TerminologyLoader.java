package org.dermcode.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every {@code *.json} FHIR resource in the terminology and profile folders. A file that is
 * missing, unreadable, not valid FHIR, of an unexpected type or a duplicate stops loading with a
 * {@link TerminologyLoadException} that names the file and the reason.
 */
public final class TerminologyLoader {

    private static final Logger log = LoggerFactory.getLogger(TerminologyLoader.class);

    private final FhirContext fhirContext;
    /** The file each loaded resource came from, for the consistency messages. */
    private final java.util.Map<MetadataResource, String> sources = new java.util.IdentityHashMap<>();
    private final ConceptSharing sharing = new ConceptSharing();

    public TerminologyLoader(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public TerminologyRepository load(Path terminologyDir, Path profilesDir) {
        TerminologyRepository.Builder builder = TerminologyRepository.builder();
        int terminologyCount = addFolder(builder, terminologyDir, true);
        int profileCount = profilesDir == null ? 0 : addFolder(builder, profilesDir, false);
        TerminologyRepository repository = builder.build();
        checkConsistency(repository);
        log.info("Loaded {} terminology resources from {} and {} profiles from {}",
                terminologyCount, terminologyDir, profileCount, profilesDir);
        return repository;
    }

    /**
     * Every code system a value set includes or excludes is loaded and holds every code the value
     * set lists; every value set it imports is loaded; every code system a concept map maps from
     * or to is loaded. Otherwise loading stops, naming the file: no half-working server.
     */
    private void checkConsistency(TerminologyRepository repository) {
        for (ValueSet valueSet : repository.all(ValueSet.class)) {
            String file = sources.getOrDefault(valueSet, "ValueSet/" + valueSet.getIdElement().getIdPart());
            List<ValueSet.ConceptSetComponent> sets = new java.util.ArrayList<>(valueSet.getCompose().getInclude());
            sets.addAll(valueSet.getCompose().getExclude());
            for (ValueSet.ConceptSetComponent set : sets) {
                if (set.hasSystem()) {
                    CodeSystemIndex codeSystem = repository.codeSystem(set.getSystem()).orElseThrow(() ->
                            new TerminologyLoadException(file + ": value set " + valueSet.getUrl() + " includes code system "
                                    + set.getSystem() + ", which no file defines"));
                    for (ValueSet.ConceptReferenceComponent concept : set.getConcept()) {
                        if (codeSystem.find(concept.getCode()).isEmpty()) {
                            throw new TerminologyLoadException(file + ": value set " + valueSet.getUrl() + " lists code "
                                    + concept.getCode() + ", which is not in code system " + set.getSystem());
                        }
                    }
                }
                for (var imported : set.getValueSet()) {
                    if (repository.valueSet(imported.getValue(), null).isEmpty()) {
                        throw new TerminologyLoadException(file + ": value set " + valueSet.getUrl() + " imports value set "
                                + imported.getValue() + ", which no file defines");
                    }
                }
            }
        }
        for (ConceptMap map : repository.all(ConceptMap.class)) {
            String file = sources.getOrDefault(map, "ConceptMap/" + map.getIdElement().getIdPart());
            for (ConceptMap.ConceptMapGroupComponent group : map.getGroup()) {
                for (String system : new String[] {group.getSource(), group.getTarget()}) {
                    if (system != null && repository.codeSystem(system).isEmpty()) {
                        throw new TerminologyLoadException(file + ": concept map " + map.getUrl() + " maps code system "
                                + system + ", which no file defines");
                    }
                }
            }
        }
    }

    private int addFolder(TerminologyRepository.Builder builder, Path dir, boolean terminology) {
        if (!Files.isDirectory(dir)) {
            throw new TerminologyLoadException(dir.toAbsolutePath() + ": folder not found");
        }
        List<Path> files;
        try (Stream<Path> stream = Files.list(dir)) {
            files = stream.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("package.json"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new TerminologyLoadException(dir + ": cannot list folder: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new TerminologyLoadException(dir.toAbsolutePath() + ": no FHIR JSON files");
        }
        // parsed in parallel (the files are independent; parsing is most of the start-up work on
        // our side), added in file order, and the first failure in file order is the one reported
        List<Object> parsed = files.parallelStream().map(file -> {
            try {
                return (Object) read(file, terminology);
            } catch (TerminologyLoadException e) {
                return e;
            }
        }).toList();
        for (int i = 0; i < files.size(); i++) {
            if (parsed.get(i) instanceof TerminologyLoadException e) {
                throw e;
            }
            MetadataResource resource = (MetadataResource) parsed.get(i);
            if (resource instanceof CodeSystem codeSystem) {
                sharing.share(codeSystem);
            }
            sources.put(resource, files.get(i).getFileName().toString());
            builder.add(resource, files.get(i).getFileName().toString());
        }
        return files.size();
    }

    MetadataResource read(Path file, boolean terminology) {
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new TerminologyLoadException(name + ": cannot read file: " + e.getMessage(), e);
        }
        IBaseResource resource;
        try {
            IParser parser = fhirContext.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
            resource = parser.parseResource(text);
        } catch (RuntimeException e) {
            throw new TerminologyLoadException(name + ": not a valid FHIR JSON resource: " + e.getMessage(), e);
        }
        boolean expected = terminology
                ? resource instanceof CodeSystem || resource instanceof ValueSet || resource instanceof ConceptMap
                : resource instanceof StructureDefinition || resource instanceof ValueSet || resource instanceof CodeSystem;
        if (!expected) {
            throw new TerminologyLoadException(name + ": unexpected resource type " + resource.fhirType());
        }
        MetadataResource metadata = (MetadataResource) resource;
        if (!metadata.hasIdElement() || metadata.getIdElement().getIdPart() == null) {
            throw new TerminologyLoadException(name + ": resource has no id");
        }
        return metadata;
    }
}
