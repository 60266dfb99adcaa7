package org.dermcode.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the FHIR NPM package of {@code profiles/} and {@code terminology/}:
 * {@code <target>/<name>-<version>.tgz} holding {@code package/package.json} (from
 * {@code profiles/package.json}), {@code package/.index.json} and every JSON resource. Run by Maven
 * in the {@code package} phase; needs only the JDK and Jackson, no network.
 *
 * <p>Usage: {@code FhirPackageBuilder <profiles dir> <terminology dir> <output dir>}
 */
public final class FhirPackageBuilder {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A fixed time stamp for every tar entry, so the same sources give the same bytes. */
    private static final long MTIME = 1_704_067_200L; // 2024-01-01T00:00:00Z

    private FhirPackageBuilder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: FhirPackageBuilder <profiles dir> <terminology dir> <output dir>");
        }
        Path out = build(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        System.out.println("FHIR package: " + out);
    }

    /** Writes the package and answers its path. */
    public static Path build(Path profiles, Path terminology, Path outputDir) throws IOException {
        JsonNode manifest = JSON.readTree(profiles.resolve("package.json").toFile());
        String name = required(manifest, "name", "profiles/package.json");
        String version = required(manifest, "version", "profiles/package.json");

        Map<String, byte[]> resources = new LinkedHashMap<>();
        ArrayNode index = JSON.createArrayNode();
        for (Path dir : List.of(profiles, terminology)) {
            for (Path file : jsonFiles(dir)) {
                if (file.getFileName().toString().equals("package.json")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                JsonNode resource;
                try {
                    resource = JSON.readTree(bytes);
                } catch (IOException e) {
                    throw new IOException(file + ": not JSON: " + e.getMessage(), e);
                }
                String resourceType = required(resource, "resourceType", file.toString());
                String fileName = file.getFileName().toString();
                if (resources.put(fileName, bytes) != null) {
                    throw new IOException("Two resources named " + fileName);
                }
                ObjectNode entry = index.addObject();
                entry.put("filename", fileName);
                entry.put("resourceType", resourceType);
                copy(resource, entry, "id");
                copy(resource, entry, "url");
                copy(resource, entry, "version");
                copy(resource, entry, "kind");
                copy(resource, entry, "type");
            }
        }
        ObjectNode indexJson = JSON.createObjectNode();
        indexJson.put("index-version", 1);
        indexJson.set("files", index);

        Files.createDirectories(outputDir);
        Path tgz = outputDir.resolve(name + "-" + version + ".tgz");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
            writeEntry(gzip, "package/package.json", JSON.writeValueAsBytes(manifest));
            writeEntry(gzip, "package/.index.json", JSON.writeValueAsBytes(indexJson));
            for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
                writeEntry(gzip, "package/" + resource.getKey(), resource.getValue());
            }
            gzip.write(new byte[1024]); // end of archive: two zero blocks
        }
        Files.write(tgz, buffer.toByteArray());
        return tgz;
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> list = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile).sorted().toList());
            return list;
        }
    }

    private static String required(JsonNode node, String field, String where) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IOException(where + ": no '" + field + "'");
        }
        return value.asText();
    }

    private static void copy(JsonNode resource, ObjectNode entry, String field) {
        JsonNode value = resource.get(field);
        if (value != null && value.isTextual()) {
            entry.put(field, value.asText());
        }
    }

    /** One ustar entry: a 512-byte header, then the content padded to a multiple of 512. */
    private static void writeEntry(OutputStream out, String name, byte[] content) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new IOException("Name too long for a tar entry: " + name);
        }
        byte[] header = new byte[512];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, content.length);
        octal(header, 136, 12, MTIME);
        header[156] = '0';
        ascii(header, 257, "ustar\0");
        ascii(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        header[155] = ' ';
        out.write(header);
        out.write(content);
        int pad = (512 - content.length % 512) % 512;
        out.write(new byte[pad]);
    }

    /** Zero-padded octal digits ending with a NUL, in {@code length} bytes. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        ascii(header, offset, padded);
        header[offset + length - 1] = 0;
    }

    private static void ascii(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
