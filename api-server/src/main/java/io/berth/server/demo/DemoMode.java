package io.berth.server.demo;

import io.berth.server.database.DatabaseMode;
import java.util.Arrays;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar berth.jar --demo}: Berth with two simulated clusters, registered and ready, the example
 * templates loaded and an admin token printed. The flag turns on the Spring profile {@value #PROFILE}
 * ({@code application-demo.yml} and the beans of this package); {@code --spring.profiles.active=demo}
 * does the same.
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
        application.addListeners(new EmbeddedDatabaseOnly());
        application.addInitializers(new StartSimulatorEarly());
    }

    /**
     * The demo registers clusters that vanish when it stops, and an admin token of its own: never in a
     * database that a real Berth uses. Checked before anything connects to a database.
     */
    static final class EmbeddedDatabaseOnly implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            if (!DatabaseMode.isEmbedded(event.getEnvironment())) {
                throw new IllegalStateException("The demo runs on its own embedded database only: start it without "
                        + "SPRING_DATASOURCE_URL and BERTH_DATABASE_URL (its data goes to ./data-demo, or BERTH_DEMO_DATA_DIR)");
            }
        }
    }

    /** Begins {@link SimulatorStartup} before the context is refreshed, and hands it to the context, which stops it. */
    static final class StartSimulatorEarly implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        static final String BEAN = "demoSimulatorStartup";

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            DemoSettings settings = Binder.get(context.getEnvironment()).bindOrCreate("berth.demo", DemoSettings.class);
            SimulatorStartup startup = SimulatorStartup.begin(settings.readinessDelay(), DemoClusters.names());
            DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
            beans.registerSingleton(BEAN, startup);
            beans.registerDisposableBean(BEAN, startup);
        }
    }
}
