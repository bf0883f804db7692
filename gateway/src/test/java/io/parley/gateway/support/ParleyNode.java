package io.parley.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Parley as a process of its own, started from the test's class path in the postgres profile: a node
 * that a test can kill as an operating system would ({@link #kill}, SIGKILL) and start again.
 */
public final class ParleyNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path log;

    private ParleyNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a node on this database with these extra properties ({@code --name=value}); returns once it answers. */
    public static ParleyNode start(String jdbcUrl, Path dir, List<String> properties) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "io.parley.ParleyApplication",
                "--server.port=" + port,
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--parley.database.create-if-missing=false",
                "--parley.jwt.secret=" + Tokens.SECRET,
                "--parley.admins=root-admin",
                "--parley.rate-limit.creates=1000000",
                "--PARLEY_DATA_DIR=" + dir));
        if (properties.stream().noneMatch(p -> p.startsWith("--axon.axonserver.enabled="))) { // the test's own say
            command.addAll(TestAxonServer.nodeArguments());
        }
        command.addAll(properties);
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("parley-" + port + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ParleyNode node = new ParleyNode(process, port, log);
            node.awaitAnswer();
            if (TestAxonServer.ENABLED) {
                // Its push stream first catches up with every event the run has stored.
                node.awaitReady();
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAnswer() {
        Await.until("Parley on port " + port + " answers (its log: " + log + ")", Duration.ofSeconds(120), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Parley exited with " + process.exitValue() + "; its log: " + log);
            }
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(http() + "/ws/")).GET().build(),
                          HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException e) {
                return false; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        });
    }

    private void awaitReady() {
        Await.until("Parley on port " + port + " is ready (its log: " + log + ")", Duration.ofMinutes(5), () -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(http() + "/readyz")).GET().build(),
                                 HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        });
    }

    /** The process id, which Parley's token claims name as their owner ({@code pid@host/…}). */
    public long pid() {
        return process.pid();
    }

    /** The file the process writes its output to. */
    public Path log() {
        return log;
    }

    public int port() {
        return port;
    }

    public String http() {
        return "http://127.0.0.1:" + port;
    }

    public String ws() {
        return "ws://127.0.0.1:" + port;
    }

    /** SIGKILL, as kill -9: no shutdown hook runs, nothing is flushed or closed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
