package io.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parley in a process of its own, in the postgres profile, as an operator starts it. Its heap is
 * fixed and touched up front, so that growth of the process's resident memory is native memory only.
 */
final class ParleyProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ParleyProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The JVM options Parley's README and Dockerfile run it with. */
    static final List<String> PRODUCTION_JVM_OPTIONS = List.of("-XX:MaxTenuringThreshold=3");

    /**
     * @param launch how to start it: {@code -jar gateway/target/parley.jar}, or {@code -cp CLASSPATH
     *               io.parley.ParleyApplication}
     */
    static ParleyProcess start(List<String> launch, String jdbcUrl, String heap, List<String> jvmOptions, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch", "-XX:+UseG1GC"));
        // As the README's production launch and the Dockerfile: what survives three young collections is
        // kept for good (docs/benchmarks/round-09.md).
        command.addAll(PRODUCTION_JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(launch);
        if (launch.stream().noneMatch(arg -> arg.startsWith("--spring.profiles.active="))) {
            command.add("--spring.profiles.active=postgres"); // a launch that names its profiles keeps them
        }
        command.addAll(List.of(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--server.port=" + port,
                "--parley.jwt.secret=" + Jwt.SECRET,
                // A load generator posts far faster than a person: the per-user limit would refuse it.
                "--parley.rate-limit.creates=1000000000",
                // Tomcat takes 8,192 connections by default; the idle-socket figure holds 10,000.
                "--server.tomcat.max-connections=30000",
                "--parley.files.dir=" + log.resolveSibling("parley-files"),
                "--logging.level.io.parley.notifications=WARN"));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                                                                .redirectOutput(log.toFile());
            ParleyProcess parley = new ParleyProcess(builder.start(), port, log);
            parley.awaitReady();
            return parley;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Launch arguments for the jar the README's run command builds. */
    static List<String> jar(Path jar) {
        return List.of("-jar", jar.toString());
    }

    /**
     * Launch arguments for Parley from a class path (the benchmark's tests): the gateway's classes in a
     * reactor build, or, when the build resolved the gateway to its executable jar, that jar.
     */
    static List<String> classpath(String classpath) {
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar") && entry.contains("gateway") && isExecutableJar(Path.of(entry))) {
                return jar(Path.of(entry));
            }
        }
        return List.of("-cp", classpath, "io.parley.ParleyApplication");
    }

    private static boolean isExecutableJar(Path jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getEntry("BOOT-INF/classes/") != null;
        } catch (IOException e) {
            return false;
        }
    }

    String http() {
        return "http://127.0.0.1:" + port;
    }

    String ws() {
        return "ws://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory of the process, in bytes. */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS for " + pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Live heap after a full collection, in bytes (through jcmd, as an operator would look). */
    long liveHeapBytes() {
        jcmd("GC.run");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no heap figure from jcmd");
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private String jcmd(String what) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                                              Long.toString(pid()), what).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Parley exited with " + process.exitValue() + "; see " + log);
            }
            try {
                Http.get(http() + "/api/admin/projections");
                return;
            } catch (RuntimeException notYet) {
                sleep(250);
            }
        }
        close();
        throw new IllegalStateException("Parley did not start within 180 s; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
