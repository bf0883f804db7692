package io.parley.gateway.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the `node --test` files of a folder of the repository (or one such file), printing node's output;
 * fails when node fails.
 */
public final class NodeTests {

    private NodeTests() {
    }

    /** The repository's root: the tests run in the gateway module's folder. */
    public static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("clients")) ? here : here.getParent();
    }

    public static void run(Path folder, Map<String, String> environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "--experimental-websocket", "--test",
                                                       "--test-reporter=spec"));
        if (Files.isRegularFile(folder)) {
            command.add(folder.toString());
        } else {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().endsWith(".test.js")).sorted()
                     .forEach(f -> command.add(f.toString()));
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository().toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process node = builder.start();
        StringBuilder output = new StringBuilder();
        try (var lines = node.inputReader(StandardCharsets.UTF_8)) {
            lines.lines().forEach(line -> {
                System.out.println("[node] " + line);
                output.append(line).append('\n');
            });
        }
        assertThat(node.waitFor()).as("node --test failed:\n%s", output).isZero();
    }
}
