package io.parley.gateway.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** A Prometheus scrape as an operator's tools read it: samples by name and labels. */
public record MetricLines(String text) {

    /** The value of the first sample of this name that carries every one of these labels; empty: none. */
    public OptionalDouble value(String name, Map<String, String> labels) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + " ") || line.startsWith(name + "{"))) {
                continue;
            }
            boolean matches = labels.entrySet().stream()
                                    .allMatch(l -> line.contains(l.getKey() + "=\"" + l.getValue() + "\""));
            if (matches) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    public OptionalDouble value(String name) {
        return value(name, Map.of());
    }

    /** The value, or -1 where the sample is missing (so a "grew" comparison fails clearly). */
    public double valueOrMissing(String name, Map<String, String> labels) {
        return value(name, labels).orElse(-1);
    }

    /** Every sample line of this name. */
    public List<String> lines(String name) {
        List<String> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                found.add(line);
            }
        }
        return found;
    }
}
