package org.dermcode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DermcodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(DermcodeApplication.class, args);
    }
}
