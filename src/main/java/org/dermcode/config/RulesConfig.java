package org.dermcode.config;

import java.util.List;
import org.dermcode.claim.ClaimViewFactory;
import org.dermcode.knowledge.Knowledge;
import org.dermcode.rules.ClaimRule;
import org.dermcode.rules.CodeFactsRegistry;
import org.dermcode.rules.RuleCatalog;
import org.dermcode.rules.RuleEngine;
import org.dermcode.rules.RuleSettings;
import org.dermcode.terminology.ExpansionService;
import org.dermcode.terminology.TerminologyRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rule data (from terminology/ and rules/) and the rule engine with every rule bean. */
@Configuration
public class RulesConfig {

    @Bean
    public RuleCatalog ruleCatalog(TerminologyRepository repository) {
        return new RuleCatalog(repository);
    }

    @Bean
    public CodeFactsRegistry codeFactsRegistry(TerminologyRepository repository, ExpansionService expansions,
            Knowledge knowledge) {
        return new CodeFactsRegistry(repository, expansions, knowledge);
    }

    @Bean
    public RuleSettings ruleSettings(DermcodeProperties properties) {
        return new RuleSettings(properties.rules().timelyFilingMonths());
    }

    @Bean
    public RuleEngine ruleEngine(List<ClaimRule> rules, RuleCatalog catalog) {
        return new RuleEngine(rules, catalog);
    }

    @Bean
    public ClaimViewFactory claimViewFactory(CodeFactsRegistry registry) {
        return new ClaimViewFactory(registry);
    }
}
