package org.dermcode.claim;

import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dermcode.TestTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;

/** The claims the profile-validator equivalence tests run on: every example, and the corpus where present. */
final class ProfileTestClaims {

    static final Path EXAMPLES = ExampleClaimsScenarioTest.DIR;
    static final Path CORPUS = CorpusIT.CORPUS;

    private ProfileTestClaims() {}

    /** Every Claim of examples/claims and, where ../shared is present, of the corpus (Bundles' entries too), by name. */
    static Map<String, Claim> examplesAndCorpus() throws IOException {
        Map<String, Claim> claims = new LinkedHashMap<>();
        for (Path file : jsonFiles(EXAMPLES)) {
            addClaims(claims, file, EXAMPLES.relativize(file).toString());
        }
        if (Files.isDirectory(CORPUS)) {
            for (Path file : jsonFiles(CORPUS)) {
                addClaims(claims, file, "corpus/" + CORPUS.relativize(file));
            }
        }
        return claims;
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equalsIgnoreCase("manifest.json")).sorted().toList();
        }
    }

    private static void addClaims(Map<String, Claim> claims, Path file, String name) throws IOException {
        IParser parser = TestTerminology.FHIR.newJsonParser();
        IBaseResource resource;
        try {
            resource = parser.parseResource(Files.readString(file));
        } catch (RuntimeException unparseable) {
            return; // the server answers these with a 400 before any validation
        }
        if (resource instanceof Claim claim) {
            claims.put(name, claim);
        } else if (resource instanceof Bundle bundle) {
            int index = 0;
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof Claim claim) {
                    claims.put(name + " entry " + index, claim);
                }
                index++;
            }
        }
    }
}
