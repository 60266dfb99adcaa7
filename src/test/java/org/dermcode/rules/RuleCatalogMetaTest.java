package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dermcode.TestTerminology;
import org.junit.jupiter.api.Test;

/**
 * Invariants across all rules: ids are unique, every id is a concept of the claim-rule CodeSystem
 * and documented in docs/claim-rules.md, every catalogued id has an implementation (PROFILE is the
 * profile validator), and every rule class has its own test class.
 */
class RuleCatalogMetaTest {

    private final List<ClaimRule> rules = RuleSet.all(TestTerminology.KNOWLEDGE, TestTerminology.FACTS);

    @Test
    void ruleIdsAreUniqueAndCatalogued() {
        Set<String> ids = new HashSet<>();
        for (ClaimRule rule : rules) {
            assertThat(ids.add(rule.id())).as("duplicate id " + rule.id()).isTrue();
            assertThat(TestTerminology.CATALOG.find(rule.id())).as(rule.id()).isPresent();
        }
    }

    @Test
    void everyCataloguedRuleIsImplemented() {
        Set<String> implemented = new HashSet<>();
        rules.forEach(r -> implemented.add(r.id()));
        implemented.add("PROFILE");
        assertThat(implemented).containsExactlyInAnyOrderElementsOf(TestTerminology.CATALOG.all().keySet());
    }

    @Test
    void everyRuleIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("docs", "claim-rules.md"));
        for (String id : TestTerminology.CATALOG.all().keySet()) {
            assertThat(doc).as(id).contains("| " + id + " |");
        }
    }

    @Test
    void everyRuleClassHasATestClass() {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : RuleSet.classes()) {
            Path test = Path.of("src", "test", "java", type.getName().replace('.', '/') + "Test.java");
            if (!Files.exists(test)) {
                missing.add(type.getSimpleName());
            }
        }
        assertThat(missing).isEmpty();
    }
}
