package io.berth.server.demo;

import io.berth.server.database.DatabaseMode;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The demo registers clusters that vanish when it stops, and an admin token of its own: never in a database
 * that a real Berth uses. Checked before any bean is made, so before anything connects to a database.
 */
final class EmbeddedDatabaseOnly implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!DatabaseMode.isEmbedded(environment)) {
            throw new IllegalStateException("The demo runs on its own embedded database only: start it without "
                    + "SPRING_DATASOURCE_URL and BERTH_DATABASE_URL (its data goes to ./data-demo, or BERTH_DEMO_DATA_DIR)");
        }
    }
}
