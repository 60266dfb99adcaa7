package org.dermcode;

import org.dermcode.audit.AuditMain;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DermcodeApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("audit")) {
            System.exit(AuditMain.run(DermcodeApplication.class, args));
        }
        SpringApplication.run(DermcodeApplication.class, args);
    }
}
