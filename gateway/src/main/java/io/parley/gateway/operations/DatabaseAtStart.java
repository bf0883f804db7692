package io.parley.gateway.operations;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Before any bean connects, a node in the postgres profile tries its database once. If PostgreSQL cannot
 * be reached (or refuses the login, or the database is missing), Parley stops at once with
 * {@link DatabaseUnreachable}: one log line saying so ({@link UnreachableAtStartReporter}) and a non-zero
 * exit, instead of the pool's, Flyway's and Spring's stack traces. A bean factory post-processor, so it
 * runs before every other bean, and sees the environment as complete as the beans will.
 */
@Component
public class DatabaseAtStart implements BeanFactoryPostProcessor, EnvironmentAware {

    /** How long the one try may take: a host that drops packets must not hang the start. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            return; // the embedded H2 database is a file of this process
        }
        Properties login = new Properties();
        login.setProperty("user", environment.getProperty("spring.datasource.username", "postgres"));
        login.setProperty("password", environment.getProperty("spring.datasource.password", ""));
        login.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        login.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try (Connection ignored = DriverManager.getConnection(url, login)) {
            // reachable
        } catch (SQLException e) {
            throw new DatabaseUnreachable(url, e);
        }
    }
}
