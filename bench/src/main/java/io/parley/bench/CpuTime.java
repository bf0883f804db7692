package io.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time (user + system) of Parley (every node of it, summed), of every PostgreSQL process, of an Axon
 * Server on this machine (a java process whose command line names an {@code axonserver} jar; zero when
 * there is none) and of the benchmark itself, read from {@code /proc}: what each message cost, and who
 * spent it. Zero where {@code /proc} is absent.
 */
record CpuTime(double parleySeconds, double postgresSeconds, double axonServerSeconds, double clientSeconds) {

    /** Clock ticks per second of {@code /proc/PID/stat}; 100 on Linux. */
    private static final double TICKS = 100.0;

    static CpuTime now(long... parleyPids) {
        double postgres = 0;
        double axonServer = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String[] stat = stat(process);
                if (stat != null && stat[1].equals("(postgres)")) {
                    postgres += ticks(stat);
                } else if (stat != null && stat[1].equals("(java)") && isAxonServer(process)) {
                    axonServer += ticks(stat);
                }
            }
        } catch (IOException | RuntimeException e) {
            postgres = 0;
            axonServer = 0;
        }
        double parley = 0;
        for (long pid : parleyPids) {
            parley += seconds(pid);
        }
        return new CpuTime(parley, postgres / TICKS, axonServer / TICKS, seconds(ProcessHandle.current().pid()));
    }

    /** CPU per message in milliseconds, from this reading to a later one. */
    PerMessage perMessage(CpuTime later, long messages) {
        double n = Math.max(1, messages);
        return new PerMessage((later.parleySeconds - parleySeconds) * 1000 / n,
                              (later.postgresSeconds - postgresSeconds) * 1000 / n,
                              (later.axonServerSeconds - axonServerSeconds) * 1000 / n,
                              (later.clientSeconds - clientSeconds) * 1000 / n);
    }

    record PerMessage(double parleyMs, double postgresMs, double axonServerMs, double clientMs) {
    }

    private static double seconds(long pid) {
        String[] stat = stat(Path.of("/proc", Long.toString(pid)));
        return stat == null ? 0 : ticks(stat) / TICKS;
    }

    private static boolean isAxonServer(Path process) {
        try {
            return Files.readString(process.resolve("cmdline")).matches("(?s).*axonserver[^\\x00/]*\\.jar.*");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Fields of /proc/PID/stat; the name (field 2) has no spaces for the processes read here. */
    private static String[] stat(Path process) {
        try {
            return Files.readString(process.resolve("stat")).split(" ");
        } catch (IOException | RuntimeException e) {
            return null; // gone meanwhile, or not readable
        }
    }

    /** utime + stime, fields 14 and 15. */
    private static long ticks(String[] stat) {
        return Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
    }
}
