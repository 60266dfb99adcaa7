package org.dermcode.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.dermcode.ServerIT;
import org.dermcode.terminology.TerminologyRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The server's repository is the one the preload read while Spring was starting. */
class TerminologyPreloadIT extends ServerIT {

    @Autowired
    private TerminologyPreload preload;

    @Autowired
    private TerminologyRepository repository;

    @Test
    void theRepositoryBeanIsThePreloadedOne() {
        assertThat(repository).isSameAs(preload.repository());
        assertThat(repository.codeSystemIndexes()).isNotEmpty();
    }
}
