package org.dermcode.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One generated CSV file of {@code rules/} (RFC 4180 quoting), checked against its expected header. */
final class CsvTable {

    private final Path file;
    private final List<String[]> rows = new ArrayList<>();
    private final List<Integer> lineNumbers = new ArrayList<>();

    private CsvTable(Path file) {
        this.file = file;
    }

    static CsvTable read(Path file, String... header) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KnowledgeLoadException(file + ": cannot read file: " + e.getMessage(), e);
        }
        String expected = String.join(",", header);
        if (lines.isEmpty() || !lines.get(0).strip().equals(expected)) {
            throw new KnowledgeLoadException(file + ": expected the header " + expected);
        }
        CsvTable table = new CsvTable(file);
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String[] cells = split(lines.get(n));
            if (cells.length != header.length) {
                throw new KnowledgeLoadException(file + " line " + (n + 1) + ": expected " + header.length
                        + " columns, found " + cells.length);
            }
            table.rows.add(cells);
            table.lineNumbers.add(n + 1);
        }
        return table;
    }

    List<String[]> rows() {
        return rows;
    }

    KnowledgeLoadException error(int row, String problem) {
        return new KnowledgeLoadException(file + " line " + lineNumbers.get(row) + ": " + problem);
    }

    private static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(new String[0]);
    }
}
