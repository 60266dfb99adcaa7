package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dermcode.terminology.TerminologyLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PtpEditsTest {

    private static final String HEADER = "column1,column2,modifier_indicator,rationale\n";

    @TempDir
    Path temp;

    @Test
    void loadsTheCommittedFile() throws IOException {
        PtpEdits edits = PtpEdits.load(Path.of("rules"));
        long dataRows = Files.readAllLines(Path.of("rules", PtpEdits.FILE)).stream().skip(1)
                .filter(l -> !l.isBlank()).count();
        assertThat(dataRows).isEqualTo(849);
        assertThat(edits.size()).isEqualTo(849);
    }

    @Test
    void betweenWorksInBothDirections() {
        PtpEdits edits = PtpEdits.load(Path.of("rules"));

        PtpEdits.Edit forward = edits.between("17110", "11102").orElseThrow();
        PtpEdits.Edit backward = edits.between("11102", "17110").orElseThrow();
        assertThat(backward).isEqualTo(forward);
        assertThat(forward.column1()).isEqualTo("17110");
        assertThat(forward.column2()).isEqualTo("11102");
        assertThat(forward.modifierIndicator()).isEqualTo(1);
        assertThat(forward.bypassable()).isTrue();
        assertThat(forward.rationale()).isEqualTo("CPT Manual or CMS manual coding instruction");

        PtpEdits.Edit never = edits.between("17000", "17004").orElseThrow();
        assertThat(never.column1()).isEqualTo("17004");
        assertThat(never.column2()).isEqualTo("17000");
        assertThat(never.bypassable()).isFalse();

        assertThat(edits.between("17311", "17313")).isEmpty();
        assertThat(edits.between("17311", null)).isEmpty();
    }

    @Test
    void rationaleMayContainCommasAndRowsMayOmitIt() throws IOException {
        write(HEADER + "A,B,1,one, two, three\nC,D,0\n\n");
        PtpEdits edits = PtpEdits.load(temp);
        assertThat(edits.size()).isEqualTo(2);
        assertThat(edits.between("B", "A").orElseThrow().rationale()).isEqualTo("one, two, three");
        assertThat(edits.between("C", "D").orElseThrow().rationale()).isEmpty();
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> PtpEdits.load(temp))
                .isInstanceOf(TerminologyLoadException.class)
                .hasMessageContaining(temp.resolve(PtpEdits.FILE).toString())
                .hasMessageContaining("cannot read file");
    }

    @Test
    void emptyFile() throws IOException {
        write("");
        assertThatThrownBy(() -> PtpEdits.load(temp))
                .isInstanceOf(TerminologyLoadException.class)
                .hasMessageContaining(PtpEdits.FILE)
                .hasMessageContaining("expected the header");
    }

    @Test
    void badHeader() throws IOException {
        write("col1,col2,indicator\nA,B,1\n");
        assertThatThrownBy(() -> PtpEdits.load(temp))
                .isInstanceOf(TerminologyLoadException.class)
                .hasMessageContaining(PtpEdits.FILE)
                .hasMessageContaining("expected the header column1,column2,modifier_indicator,rationale");
    }

    @Test
    void nonNumericIndicator() throws IOException {
        write(HEADER + "A,B,1,fine\nC,D,yes,not fine\n");
        assertThatThrownBy(() -> PtpEdits.load(temp))
                .isInstanceOf(TerminologyLoadException.class)
                .hasMessageContaining(PtpEdits.FILE)
                .hasMessageContaining("line 3")
                .hasMessageContaining("modifier_indicator is not a number");
    }

    @Test
    void tooFewColumns() throws IOException {
        write(HEADER + "A,B\n");
        assertThatThrownBy(() -> PtpEdits.load(temp))
                .isInstanceOf(TerminologyLoadException.class)
                .hasMessageContaining(PtpEdits.FILE)
                .hasMessageContaining("line 2")
                .hasMessageContaining("at least 3 columns");
    }

    @Test
    void constructedFromRows() {
        PtpEdits edits = new PtpEdits(List.of(new PtpEdits.Edit("X", "Y", 0, "r")));
        assertThat(edits.between("Y", "X")).isPresent();
        assertThat(edits.between("X", "Z")).isEmpty();
    }

    private void write(String text) throws IOException {
        Files.writeString(temp.resolve(PtpEdits.FILE), text);
    }
}
