package org.dermcode.config;

import org.dermcode.knowledge.Knowledge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The releases and what is in force on a date, read once from {@code rules/}. */
@Configuration
public class KnowledgeConfig {

    @Bean
    public Knowledge knowledge(DermcodeProperties properties) {
        return Knowledge.load(properties.rulesDir());
    }
}
