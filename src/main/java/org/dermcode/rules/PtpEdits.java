package org.dermcode.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dermcode.terminology.TerminologyLoadException;

/**
 * The NCCI procedure-to-procedure edits (practitioner, 2024-07-01) from {@code rules/ptp-edits.csv},
 * generated from the CMS file: column 1 is paid, column 2 is denied unless the modifier indicator
 * is 1 and an NCCI-associated modifier is on either line.
 */
public final class PtpEdits {

    /** One active edit. */
    public record Edit(String column1, String column2, int modifierIndicator, String rationale) {

        public boolean bypassable() {
            return modifierIndicator == 1;
        }
    }

    public static final String FILE = "ptp-edits.csv";

    /** column 1 code, then column 2 code: two lookups without building a key string per pair. */
    private final Map<String, Map<String, Edit>> edits = new HashMap<>();
    private int size;

    public PtpEdits(List<Edit> rows) {
        for (Edit edit : rows) {
            if (edits.computeIfAbsent(edit.column1(), c -> new HashMap<>()).put(edit.column2(), edit) == null) {
                size++;
            }
        }
    }

    public static PtpEdits load(Path rulesDir) {
        Path file = rulesDir.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TerminologyLoadException(file + ": cannot read file: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("column1,column2,modifier_indicator")) {
            throw new TerminologyLoadException(file + ": expected the header column1,column2,modifier_indicator,rationale");
        }
        List<Edit> rows = new java.util.ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", 4);
            if (cells.length < 3) {
                throw new TerminologyLoadException(file + " line " + (n + 1) + ": expected at least 3 columns");
            }
            try {
                rows.add(new Edit(cells[0].strip(), cells[1].strip(), Integer.parseInt(cells[2].strip()),
                        cells.length > 3 ? cells[3].strip() : ""));
            } catch (NumberFormatException e) {
                throw new TerminologyLoadException(file + " line " + (n + 1) + ": modifier_indicator is not a number");
            }
        }
        return new PtpEdits(rows);
    }

    /** The edit between two codes, whichever of them is column 1. */
    public Optional<Edit> between(String a, String b) {
        Edit edit = get(a, b);
        return Optional.ofNullable(edit == null ? get(b, a) : edit);
    }

    private Edit get(String column1, String column2) {
        Map<String, Edit> row = edits.get(column1);
        return row == null ? null : row.get(column2);
    }

    public int size() {
        return size;
    }
}
