package org.dermcode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dermcode.terminology.SystemUrls;
import org.dermcode.terminology.TerminologyLoadException;
import org.dermcode.terminology.TerminologyRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

class TerminologyPreloadTest {

    private static DermcodeProperties settings(String terminology) {
        MockEnvironment environment = new MockEnvironment().withProperty("dermcode.terminology-dir", terminology);
        return Binder.get(environment).bindOrCreate("dermcode", DermcodeProperties.class);
    }

    @Test
    void readsTheConfiguredTerminologyFolder() {
        TerminologyPreload preload = TerminologyPreload.start(settings("terminology"));
        TerminologyRepository repository = preload.repository();
        assertThat(repository.codeSystem(SystemUrls.CPT, "2026")).isPresent();
        assertThat(repository.codeSystem(SystemUrls.ICD10CM, "2027")).isPresent();
        assertThat(preload.repository()).isSameAs(repository);
    }

    @Test
    void aBrokenFileStopsTheStartUpWithTheLoadersMessage(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("CodeSystem-broken.json"), "{\"resourceType\":\"CodeSystem\",");
        TerminologyPreload preload = TerminologyPreload.start(settings(folder.toString()));
        assertThatThrownBy(preload::repository).isInstanceOf(TerminologyLoadException.class)
                .hasMessageContaining("CodeSystem-broken.json");
    }
}
