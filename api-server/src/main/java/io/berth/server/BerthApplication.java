package io.berth.server;

import io.berth.server.demo.DemoMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Berth: one HTTP API over many Kubernetes clusters for stateful applications. */
@SpringBootApplication(scanBasePackages = "io.berth")
@EntityScan("io.berth")
@EnableJpaRepositories("io.berth")
@EnableScheduling
public class BerthApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BerthApplication.class);
        if (DemoMode.requestedBy(args)) {
            DemoMode.prepare(application);
        }
        application.run(args);
    }
}
