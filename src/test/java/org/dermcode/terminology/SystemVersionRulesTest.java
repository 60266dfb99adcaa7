package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which code system version an include uses: wildcards, partial versions and the request's version rules. */
class SystemVersionRulesTest {

    private static final String CS = "http://example.org/fhir/CodeSystem/shapes";
    private static final List<String> KNOWN = List.of("2.0.0", "2.1.0", "2.10.0", "3.0.0");

    private static SystemVersionRules rules(String... nameVersion) {
        Parameters r4 = new Parameters();
        for (int i = 0; i < nameVersion.length; i += 2) {
            r4.addParameter().setName(nameVersion[i]).setValue(new CanonicalType(CS + "|" + nameVersion[i + 1]));
        }
        return SystemVersionRules.of(TestEngine.request(r4, new ArrayList<>()));
    }

    @Nested
    class Versions {
        @Test
        void wildcardPartsMatchAnyValueThereButOtherPartsMustBeEqual() {
            assertThat(SystemVersionRules.matches("2.x.x", "2.10.0")).isTrue();
            assertThat(SystemVersionRules.matches("2.1.*", "2.1.7")).isTrue();
            assertThat(SystemVersionRules.matches("2.x", "2.1.0")).isTrue();
            assertThat(SystemVersionRules.matches("2.x.x", "3.0.0")).isFalse();
            assertThat(SystemVersionRules.matches("2.0.x", "2.1.0")).isFalse();
        }

        @Test
        void aVersionWithoutWildcardsIsTakenAsWritten() {
            assertThat(SystemVersionRules.matches("2", "2.0.0")).isFalse();
            assertThat(SystemVersionRules.matches("2.0.0", "2.0.0")).isTrue();
        }

        @Test
        void newestComparesNumbersAsNumbers() {
            assertThat(SystemVersionRules.newest(KNOWN, "2.x.x")).isEqualTo("2.10.0");
            assertThat(SystemVersionRules.newest(KNOWN, null)).isEqualTo("3.0.0");
            assertThat(SystemVersionRules.newest(KNOWN, "4.x")).isNull();
        }

        @Test
        void versionListsReadLikeASentence() {
            assertThat(SystemVersionRules.versionList(List.of("2.0.0"))).isEqualTo("2.0.0");
            assertThat(SystemVersionRules.versionList(List.of("3.0.0", "2.0.0"))).isEqualTo("2.0.0 or 3.0.0");
            assertThat(SystemVersionRules.versionList(List.of("3.0.0", "2.0.0", "2.1.0")))
                    .isEqualTo("2.0.0, 2.1.0 or 3.0.0");
        }
    }

    @Nested
    class Precedence {
        @Test
        void withoutRulesAnIncludeUsesItsOwnVersionOrTheNewest() {
            assertThat(rules().choose(CS, "2.1.0", KNOWN).version()).isEqualTo("2.1.0");
            assertThat(rules().choose(CS, "2.x.x", KNOWN).version()).isEqualTo("2.10.0");
            assertThat(rules().choose(CS, null, KNOWN).version()).isEqualTo("3.0.0");
        }

        @Test
        void forceSystemVersionOverridesTheIncludesVersion() {
            SystemVersionRules.Choice choice = rules(SystemVersionRules.FORCE, "2.0.x").choose(CS, "3.0.0", KNOWN);
            assertThat(choice.version()).isEqualTo("2.0.0");
            assertThat(choice.decidedBy().name()).isEqualTo(SystemVersionRules.FORCE);
        }

        @Test
        void systemVersionIsOnlyADefaultForVersionlessIncludes() {
            SystemVersionRules defaults = rules(SystemVersionRules.DEFAULT, "2.1.0");
            assertThat(defaults.choose(CS, null, KNOWN).version()).isEqualTo("2.1.0");
            assertThat(defaults.choose(CS, null, KNOWN).decidedBy().name()).isEqualTo(SystemVersionRules.DEFAULT);
            assertThat(defaults.choose(CS, "3.0.0", KNOWN).version()).isEqualTo("3.0.0");
            assertThat(defaults.choose(CS, "3.0.0", KNOWN).decidedBy()).isNull();
        }

        @Test
        void checkSystemVersionIsADefaultTooAndRefusesAnyOtherVersion() {
            SystemVersionRules check = rules(SystemVersionRules.CHECK, "2.0.x");
            assertThat(check.choose(CS, null, KNOWN).version()).isEqualTo("2.0.0");
            SystemVersionRules.Choice refused = check.choose(CS, "2.x.x", KNOWN);
            assertThat(refused.problemCode()).isEqualTo("version-error");
            assertThat(refused.problem()).isEqualTo("The version '2.10.0' is not allowed for system '" + CS
                    + "': required to be '2.0.x' by a version-check parameter");
        }

        @Test
        void rulesForAnotherSystemDoNotApply() {
            assertThat(rules(SystemVersionRules.FORCE, "2.0.0").choose("http://example.org/other", null, KNOWN)
                    .version()).isEqualTo("3.0.0");
        }

        @Test
        void aVersionThatDoesNotExistIsNotFoundWithTheVersionsThatDo() {
            SystemVersionRules.Choice missing = rules().choose(CS, "2", KNOWN);
            assertThat(missing.problemCode()).isEqualTo("not-found");
            assertThat(missing.problem()).isEqualTo("A definition for CodeSystem '" + CS + "' version '2' could not be"
                    + " found, so the value set cannot be expanded. Valid versions: 2.0.0, 2.1.0, 2.10.0 or 3.0.0");
        }
    }
}
