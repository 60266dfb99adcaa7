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

    public TerminologyLoader(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public TerminologyRepository load(Path terminologyDir, Path profilesDir) {
        TerminologyRepository.Builder builder = TerminologyRepository.builder();
        int terminologyCount = addFolder(builder, terminologyDir, true);
        int profileCount = profilesDir == null ? 0 : addFolder(builder, profilesDir, false);
        log.info("Loaded {} terminology resources from {} and {} profiles from {}",
                terminologyCount, terminologyDir, profileCount, profilesDir);
        return builder.build();
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
        for (Path file : files) {
            builder.add(read(file, terminology), file.getFileName().toString());
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
