package io.berth.server.demo;

import io.berth.server.database.DatabaseMode;
import java.util.Arrays;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar berth.jar --demo}: Berth with two simulated clusters, registered and ready, the example
 * templates loaded and an admin token printed. The flag turns on the Spring profile {@value #PROFILE}
 * ({@code application-demo.yml} and the beans of this package); {@code --spring.profiles.active=demo}
 * does the same, but starts the simulated clusters later, with the demo's beans.
 */
public final class DemoMode {

    public static final String ARGUMENT = "--demo";
    public static final String PROFILE = "demo";

    private DemoMode() {
    }

    public static boolean requestedBy(String... args) {
        return Arrays.asList(args).contains(ARGUMENT);
    }

    /**
     * Turns the demo on for this application, before it runs, and starts the simulated clusters as soon as
     * the settings are known, while the rest of Berth starts.
     */
    public static void prepare(SpringApplication application) {
        application.setAdditionalProfiles(PROFILE);
        application.addInitializers(new StartSimulatorEarly());
    }

    /** Begins {@link SimulatorStartup} before the context is refreshed, and hands it to the context, which stops it. */
    static final class StartSimulatorEarly implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        static final String BEAN = "demoSimulatorStartup";

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            if (!DatabaseMode.isEmbedded(context.getEnvironment())) {
                return; // the demo refuses to start (EmbeddedDatabaseOnly): no clusters for nothing
            }
            DemoSettings settings = Binder.get(context.getEnvironment()).bindOrCreate("berth.demo", DemoSettings.class);
            SimulatorStartup startup = SimulatorStartup.begin(settings.readinessDelay(), DemoClusters.names());
            DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
            beans.registerSingleton(BEAN, startup);
            beans.registerDisposableBean(BEAN, startup);
        }
    }
}
