package io.parley.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * With {@code parley.database.create-if-missing=true}, creates the PostgreSQL database named in
 * {@code spring.datasource.url} before anything connects to it, so the postgres profile needs no
 * manual step on a fresh server.
 */
public class PostgresDatabaseCreator implements EnvironmentPostProcessor {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/]+)/([A-Za-z0-9_]+)(\\?.*)?");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("parley.database.create-if-missing", Boolean.class, false)) {
            return;
        }
        String url = environment.getProperty("spring.datasource.url", "");
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            return;
        }
        String database = matcher.group(2);
        String adminUrl = "jdbc:postgresql://" + matcher.group(1) + "/postgres"
                + (matcher.group(3) == null ? "" : matcher.group(3));
        try (Connection connection = DriverManager.getConnection(
                adminUrl, environment.getProperty("spring.datasource.username", "postgres"),
                environment.getProperty("spring.datasource.password", ""))) {
            try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (ResultSet found = exists.executeQuery()) {
                    if (found.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + database + "\"");
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                return; // PostgreSQL unreachable: DatabaseAtStart says so in one line and stops the start
            }
            if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another node: fine
                throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
            }
        }
    }
}
