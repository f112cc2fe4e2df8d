package com.cerby.scimtoken.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests (deploy/kubernetes, rendered with {@code kubectl kustomize}, offline) run the image the
 * Dockerfile builds, probe the health paths on the port that serves them, fit the JVM in the memory limit, and keep
 * every secret out of the manifests. Ports, paths and durations are compared with application.properties and the
 * Dockerfile, so that a change there that the manifests do not follow fails here.
 */
class DeploymentManifestsTest {

    static final Path PRODUCTION = Path.of("deploy/kubernetes/overlays/production");
    static final Path BASE = Path.of("deploy/kubernetes/base");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> rendered;
    static Properties properties;
    static String dockerfile;

    @BeforeAll
    static void render() throws IOException {
        rendered = kustomize(PRODUCTION);
        properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        dockerfile = Files.readString(Path.of("Dockerfile"));
    }

    /** Runs {@code kubectl kustomize DIR} and parses its documents. */
    static List<JsonNode> kustomize(Path dir) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl (with its built-in Kustomize) is needed to render " + dir
                    + " and was not found on the PATH: install kubectl (CI has it at /usr/bin/kubectl)", e);
        }
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("kubectl kustomize " + dir + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "kubectl kustomize " + dir + " failed:\n" + text);
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    static List<JsonNode> all(String kind) {
        return rendered.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static JsonNode one(String kind, String name) {
        List<JsonNode> found = all(kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .toList();
        assertEquals(1, found.size(), "one " + kind + " named " + name + " in the rendered production overlay");
        return found.get(0);
    }

    static JsonNode deployment() {
        return one("Deployment", "scim-token-service");
    }

    static JsonNode podSpec() {
        return deployment().path("spec").path("template").path("spec");
    }

    static JsonNode container() {
        JsonNode containers = podSpec().path("containers");
        assertEquals(1, containers.size(), "one container");
        return containers.get(0);
    }

    static JsonNode podLabels() {
        return deployment().path("spec").path("template").path("metadata").path("labels");
    }

    /** Does a label selector (matchLabels) select the Deployment's pods? */
    static boolean selectsPods(JsonNode matchLabels) {
        if (matchLabels.isMissingNode() || matchLabels.isEmpty()) {
            return false;
        }
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) matchLabels::fields) {
            if (!field.getValue().asText().equals(podLabels().path(field.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static int containerPort(String name) {
        for (JsonNode port : container().path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError("the container has no port named " + name);
    }

    /** A probe's or Service's port: a number, or the name of a container port. */
    static int resolve(JsonNode port) {
        return port.isInt() ? port.asInt() : containerPort(port.asText());
    }

    static int apiPort() {
        return Integer.parseInt(properties.getProperty("quarkus.http.port", "8080"));
    }

    static int managementPort() {
        assertEquals("true", properties.getProperty("quarkus.management.enabled"), "the management interface is on");
        return Integer.parseInt(properties.getProperty("quarkus.management.port", "9000"));
    }

    static String env(String name) {
        for (JsonNode variable : container().path("env")) {
            if (name.equals(variable.path("name").asText())) {
                assertTrue(variable.has("value"), name + " is a literal value");
                return variable.path("value").asText();
            }
        }
        throw new AssertionError("no environment variable " + name);
    }

    static JsonNode secretKeyRef(String name) {
        for (JsonNode variable : container().path("env")) {
            if (name.equals(variable.path("name").asText())) {
                JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
                assertFalse(ref.isMissingNode(), name + " comes from a secret");
                return ref;
            }
        }
        throw new AssertionError("no environment variable " + name);
    }

    static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi|m|g|M|G)?").matcher(quantity);
        assertTrue(m.matches(), quantity);
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "Gi", "g", "G" -> value * 1024;
            case "Mi", "m", "M" -> value;
            default -> value / (1024 * 1024);
        };
    }

    static long jvmFlag(List<String> command, String prefix) {
        return command.stream().filter(a -> a.startsWith(prefix)).findFirst()
                .map(a -> mebibytes(a.substring(prefix.length())))
                .orElseThrow(() -> new AssertionError("the JVM command line has no " + prefix));
    }

    @Test
    void theDeploymentRunsAtLeastTwoInstancesSpreadAcrossNodes() {
        assertTrue(deployment().path("spec").path("replicas").asInt() >= 2, "at least 2 replicas");
        boolean spread = false;
        for (JsonNode constraint : podSpec().path("topologySpreadConstraints")) {
            if ("kubernetes.io/hostname".equals(constraint.path("topologyKey").asText())
                    && "DoNotSchedule".equals(constraint.path("whenUnsatisfiable").asText())
                    && selectsPods(constraint.path("labelSelector").path("matchLabels"))) {
                spread = true;
            }
        }
        assertTrue(spread, "the pods are spread across nodes (topologySpreadConstraints on kubernetes.io/hostname)");
        JsonNode rolling = deployment().path("spec").path("strategy").path("rollingUpdate");
        assertEquals(0, rolling.path("maxUnavailable").asInt(-1), "a rollout keeps every instance until a new one is ready");
    }

    @Test
    void eachProbeAsksItsOwnHealthPathOnThePortThatServesHealth() {
        // Health is on the API port: the management interface serves only metrics.
        assertEquals("false", properties.getProperty("quarkus.smallrye-health.management.enabled"),
                "application.properties keeps health on the API port");
        assertEquals(apiPort(), containerPort("http"));
        assertEquals(managementPort(), containerPort("management"));

        String[][] probes = {{"startupProbe", "/q/health/started"}, {"livenessProbe", "/q/health/live"},
            {"readinessProbe", "/q/health/ready"}};
        for (String[] probe : probes) {
            JsonNode get = container().path(probe[0]).path("httpGet");
            assertFalse(get.isMissingNode(), probe[0] + " is an HTTP GET");
            assertEquals(probe[1], get.path("path").asText(), probe[0]);
            assertEquals(apiPort(), resolve(get.path("port")), probe[0] + " asks the API port");
        }
        // A start may wait for another instance's migration (Flyway's lock): the startup probe gives a minute or more.
        JsonNode startup = container().path("startupProbe");
        assertTrue(startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3) >= 60,
                "the startup probe allows at least 60 s");
    }

    @Test
    void theJvmFitsTheMemoryLimit() throws IOException {
        JsonNode resources = container().path("resources");
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertTrue(resources.path(kind).has(resource), kind + "." + resource);
            }
        }
        assertEquals("512Mi", resources.path("limits").path("memory").asText());
        assertEquals(mebibytes(resources.path("limits").path("memory").asText()),
                mebibytes(resources.path("requests").path("memory").asText()),
                "memory is requested as high as its limit (never overcommitted)");

        List<String> command = StreamSupport.stream(container().path("command").spliterator(), false)
                .map(JsonNode::asText).toList();
        assertEquals("java", command.get(0), "the command replaces the Dockerfile's ENTRYPOINT");
        long heap = jvmFlag(command, "-Xmx");
        long metaspace = jvmFlag(command, "-XX:MaxMetaspaceSize=");
        long codeCache = jvmFlag(command, "-XX:ReservedCodeCacheSize=");
        assertTrue(heap <= 192, "the heap bench/run measures with, at most: " + heap);
        assertTrue(heap + metaspace + codeCache <= 400,
                "heap, metaspace and code cache leave room for threads, GC and native memory in 512 MiB");
        assertFalse(command.stream().anyMatch(a -> a.startsWith("-XX:MaxRAMPercentage")),
                "a fixed heap, not a share of the limit");
        assertEquals("2", env("MALLOC_ARENA_MAX"), "as in the Dockerfile");
        assertTrue(dockerfile.contains("ENV MALLOC_ARENA_MAX=2"), "the Dockerfile sets MALLOC_ARENA_MAX=2");

        // bench/run measures RSS (the 400 MB target) with exactly these JVM flags, and the image runs the same
        // garbage collector and native-heap trimming wherever it runs without them (compose, docker run).
        List<String> jvmFlags = command.stream()
                .filter(a -> a.startsWith("-X") && !a.equals("-XX:+ExitOnOutOfMemoryError")).toList();
        Matcher benchOptions = Pattern.compile("JAVA_OPTS=\\$\\{JAVA_OPTS:-([^}]*)}")
                .matcher(Files.readString(Path.of("bench/run")));
        assertTrue(benchOptions.find(), "bench/run has default JAVA_OPTS");
        assertEquals(jvmFlags, List.of(benchOptions.group(1).trim().split("\\s+")),
                "bench/run's default JAVA_OPTS are the manifests' JVM flags");
        for (String flag : jvmFlags) {
            if (flag.matches("-XX:\\+Use\\w+GC") || flag.startsWith("-XX:TrimNativeHeapInterval=")) {
                assertTrue(dockerfile.contains("\"" + flag + "\""), "the Dockerfile's ENTRYPOINT has " + flag);
            }
        }

        // The rest of the command is the Dockerfile's ENTRYPOINT: its logging manager and its jar.
        Matcher entrypoint = Pattern.compile("ENTRYPOINT \\[(.*?)]", Pattern.DOTALL).matcher(dockerfile);
        assertTrue(entrypoint.find(), "the Dockerfile has an ENTRYPOINT");
        for (String argument : List.of("-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar",
                "/app/quarkus-run.jar")) {
            assertTrue(entrypoint.group(1).contains("\"" + argument + "\""), "the Dockerfile's ENTRYPOINT has " + argument);
            assertTrue(command.contains(argument), "the command keeps " + argument);
        }
        assertEquals("/app/quarkus-run.jar", command.get(command.size() - 1));
    }

    @Test
    void theContainerRunsAsTheImagesUserOnAReadOnlyRootWithoutPrivileges() {
        Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(dockerfile);
        assertTrue(user.find(), "the Dockerfile names its user");
        int uid = Integer.parseInt(user.group(1));

        JsonNode pod = podSpec().path("securityContext");
        JsonNode security = container().path("securityContext");
        assertTrue(pod.path("runAsNonRoot").asBoolean() || security.path("runAsNonRoot").asBoolean(), "runAsNonRoot");
        assertEquals(uid, security.path("runAsUser").asInt(pod.path("runAsUser").asInt(-1)), "the image's user");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), "readOnlyRootFilesystem");
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), "allowPrivilegeEscalation false");
        assertEquals(List.of("ALL"), StreamSupport.stream(security.path("capabilities").path("drop").spliterator(),
                false).map(JsonNode::asText).toList(), "every capability dropped");
        assertEquals("RuntimeDefault", security.path("seccompProfile").path("type")
                .asText(pod.path("seccompProfile").path("type").asText()), "seccomp RuntimeDefault");
        assertFalse(podSpec().path("automountServiceAccountToken").asBoolean(true),
                "the service never calls the Kubernetes API");

        String tmpVolume = null;
        for (JsonNode mount : container().path("volumeMounts")) {
            if ("/tmp".equals(mount.path("mountPath").asText())) {
                tmpVolume = mount.path("name").asText();
            }
        }
        assertNotNull(tmpVolume, "/tmp is writable");
        assertTrue(volume(tmpVolume).has("emptyDir"), "/tmp is an emptyDir");
    }

    static JsonNode volume(String name) {
        for (JsonNode volume : podSpec().path("volumes")) {
            if (name.equals(volume.path("name").asText())) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    @Test
    void theGracePeriodOutlastsTheShutdownDrainAndTheLongestLongPoll() throws IOException {
        Duration delay = Duration.parse(properties.getProperty("quarkus.shutdown.delay"));
        Duration timeout = Duration.parse(properties.getProperty("quarkus.shutdown.timeout"));
        Matcher longPoll = Pattern.compile("must be a whole number from 0 to (\\d+)").matcher(Files.readString(
                Path.of("src/main/java/com/cerby/scimtoken/verification/VerificationResource.java")));
        assertTrue(longPoll.find(), "VerificationResource says the longest wait of a long poll");
        long longest = delay.toSeconds() + timeout.toSeconds() + Long.parseLong(longPoll.group(1));
        long grace = podSpec().path("terminationGracePeriodSeconds").asLong();
        assertTrue(grace > longest, "terminationGracePeriodSeconds " + grace + " > " + longest);
    }

    @Test
    void theImageIsTheOneTheDockerfileBuildsAtAnExplicitTag() {
        Matcher built = Pattern.compile("docker build -t (\\S+) \\.").matcher(dockerfile);
        assertTrue(built.find(), "the Dockerfile says how it is built");
        String image = container().path("image").asText();
        Matcher reference = Pattern.compile("(?:(.+)/)?([^/:@]+):([^/:@]+)").matcher(image);
        assertTrue(reference.matches(), "an image with an explicit tag: " + image);
        assertEquals(built.group(1), reference.group(2), "the Dockerfile's image: " + image);
        assertFalse("latest".equals(reference.group(3)), "an explicit tag, not latest");

        Matcher exposed = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(dockerfile);
        assertTrue(exposed.find());
        Set<String> ports = Set.of(exposed.group(1).trim().split("\\s+"));
        assertTrue(ports.contains(String.valueOf(apiPort())) && ports.contains(String.valueOf(managementPort())),
                "the Dockerfile exposes the API and management ports: " + ports);
    }

    @Test
    void servicesMetricsAndDisruptionsSelectThePods() {
        JsonNode api = one("Service", "scim-token-service");
        assertTrue(selectsPods(api.path("spec").path("selector")));
        assertEquals(1, api.path("spec").path("ports").size(), "the API Service has the API port only");
        assertEquals(apiPort(), resolve(api.path("spec").path("ports").get(0).path("targetPort")));

        JsonNode management = one("Service", "scim-token-service-management");
        assertTrue(selectsPods(management.path("spec").path("selector")));
        JsonNode managementPort = management.path("spec").path("ports").get(0);
        assertEquals(managementPort(), resolve(managementPort.path("targetPort")));

        JsonNode monitor = one("ServiceMonitor", "scim-token-service");
        JsonNode wanted = monitor.path("spec").path("selector").path("matchLabels");
        wanted.fields().forEachRemaining(label -> assertEquals(label.getValue().asText(),
                management.path("metadata").path("labels").path(label.getKey()).asText(),
                "the ServiceMonitor selects the management Service"));
        assertFalse(wanted.path("app.kubernetes.io/component").isMissingNode(), "and not the API Service");
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertEquals(managementPort.path("name").asText(), endpoint.path("port").asText());
        assertEquals(properties.getProperty("quarkus.micrometer.export.prometheus.path", "/q/metrics"),
                endpoint.path("path").asText());

        JsonNode budget = one("PodDisruptionBudget", "scim-token-service");
        assertTrue(selectsPods(budget.path("spec").path("selector").path("matchLabels")));
        assertTrue(budget.path("spec").has("maxUnavailable") || budget.path("spec").has("minAvailable"));

        JsonNode autoscaler = one("HorizontalPodAutoscaler", "scim-token-service");
        assertEquals("autoscaling/v2", autoscaler.path("apiVersion").asText());
        assertEquals("Deployment", autoscaler.path("spec").path("scaleTargetRef").path("kind").asText());
        assertEquals("scim-token-service", autoscaler.path("spec").path("scaleTargetRef").path("name").asText());
        assertTrue(autoscaler.path("spec").path("minReplicas").asInt() >= 2);
        assertTrue(autoscaler.path("spec").path("maxReplicas").asInt() >= autoscaler.path("spec").path("minReplicas").asInt());
    }

    @Test
    void theNetworkPolicyAdmitsTheApiFromTheIngressAndMetricsFromMonitoringOnly() {
        JsonNode policy = one("NetworkPolicy", "scim-token-service").path("spec");
        assertTrue(selectsPods(policy.path("podSelector").path("matchLabels")));
        Set<String> types = new HashSet<>();
        policy.path("policyTypes").forEach(t -> types.add(t.asText()));
        assertEquals(Set.of("Ingress", "Egress"), types);

        Set<String> apiFrom = new HashSet<>();
        Set<String> managementFrom = new HashSet<>();
        for (JsonNode rule : policy.path("ingress")) {
            assertFalse(rule.path("from").isEmpty(), "every ingress rule names who it admits");
            assertFalse(rule.path("ports").isEmpty(), "every ingress rule names its ports");
            for (JsonNode port : rule.path("ports")) {
                int number = resolve(port.path("port"));
                assertTrue(number == apiPort() || number == managementPort(), "only the service's ports: " + number);
                for (JsonNode from : rule.path("from")) {
                    assertFalse(from.has("ipBlock"), "admitted by namespace, not by address");
                    String namespace = from.path("namespaceSelector").path("matchLabels")
                            .path("kubernetes.io/metadata.name").asText();
                    assertFalse(namespace.isEmpty(), "each source is a named namespace: " + from);
                    (number == apiPort() ? apiFrom : managementFrom).add(namespace);
                }
            }
        }
        assertEquals(Set.of("ingress-nginx"), apiFrom, "the API port from the ingress");
        assertEquals(Set.of("monitoring"), managementFrom, "the management port from monitoring only");

        boolean database = false;
        boolean dns = false;
        for (JsonNode rule : policy.path("egress")) {
            for (JsonNode port : rule.path("ports")) {
                if (port.path("port").asInt() == 5432) {
                    database = rule.path("to").get(0).path("podSelector").path("matchLabels").path("cnpg.io/cluster")
                            .asText().equals("scim-token-db");
                }
                if (port.path("port").asInt() == 53) {
                    dns = true;
                }
            }
        }
        assertTrue(database, "egress to the database cluster's pods on 5432");
        assertTrue(dns, "egress to DNS");
    }

    @Test
    void theDatabaseIsACloudNativePgClusterWhoseSecretsFeedTheDatasourceOverVerifiedTls() {
        JsonNode cluster = one("Cluster", "scim-token-db");
        assertEquals("postgresql.cnpg.io/v1", cluster.path("apiVersion").asText());
        assertEquals(3, cluster.path("spec").path("instances").asInt());
        String name = cluster.path("metadata").path("name").asText();
        String database = cluster.path("spec").path("bootstrap").path("initdb").path("database").asText();

        URI url = URI.create(env("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
        assertEquals("postgresql", url.getScheme());
        assertEquals(name + "-rw", url.getHost(), "the read-write service follows the primary");
        assertEquals("/" + database, url.getPath());
        List<String> query = List.of(url.getQuery().split("&"));
        assertTrue(query.contains("sslmode=verify-full"), "the server's certificate and name are checked: " + query);
        String rootCert = query.stream().filter(p -> p.startsWith("sslrootcert=")).findFirst()
                .orElseThrow(() -> new AssertionError("sslrootcert names the cluster's CA")).substring(12);

        boolean caMounted = false;
        for (JsonNode mount : container().path("volumeMounts")) {
            String dir = mount.path("mountPath").asText() + "/";
            if (rootCert.startsWith(dir)) {
                JsonNode secret = volume(mount.path("name").asText()).path("secret");
                assertEquals(name + "-ca", secret.path("secretName").asText(), "the CA the operator generates");
                assertEquals(1, secret.path("items").size(), "only the CA's certificate, never its private key");
                assertEquals("ca.crt", secret.path("items").get(0).path("key").asText());
                assertEquals(rootCert.substring(dir.length()), secret.path("items").get(0).path("path").asText());
                caMounted = true;
            }
        }
        assertTrue(caMounted, rootCert + " is mounted from the cluster's CA secret");

        for (String[] credential : new String[][] {{"QUARKUS_DATASOURCE_USERNAME", "username"},
            {"QUARKUS_DATASOURCE_PASSWORD", "password"}}) {
            JsonNode ref = secretKeyRef(credential[0]);
            assertEquals(name + "-app", ref.path("name").asText(), credential[0] + " from the generated app secret");
            assertEquals(credential[1], ref.path("key").asText());
        }
    }

    @Test
    void everySecretIsReferencedNoneWrittenInTheManifests() {
        for (JsonNode document : rendered) {
            if ("Secret".equals(document.path("kind").asText())) {
                assertTrue(document.path("data").isEmpty() && document.path("stringData").isEmpty(),
                        "a Secret with data in the manifests: " + document.path("metadata").path("name"));
            }
        }
        assertEquals("scim-token-encryption", secretKeyRef("SCIM_TOKEN_ENCRYPTION_KEYS").path("name").asText());
        assertEquals("scim-token-jwt", secretKeyRef("MP_JWT_VERIFY_PUBLICKEY_LOCATION").path("name").asText());
        assertEquals("scim-token-jwt", secretKeyRef("MP_JWT_VERIFY_ISSUER").path("name").asText());
        assertEquals("scim-token-push-gateway", secretKeyRef("SCIM_TOKEN_PUSH_GATEWAY_SECRET").path("name").asText());
        boolean mail = false;
        for (JsonNode source : container().path("envFrom")) {
            mail |= "scim-token-mail".equals(source.path("secretRef").path("name").asText());
        }
        assertTrue(mail, "the SMTP settings come from the scim-token-mail secret");

        // Nothing secret-looking as a literal: not in the container's env, not in a ConfigMap.
        Pattern secretName = Pattern.compile(".*(PASSWORD|SECRET|ENCRYPTION_KEYS|PRIVATE).*");
        for (JsonNode variable : container().path("env")) {
            if (secretName.matcher(variable.path("name").asText()).matches()) {
                assertFalse(variable.has("value"), variable.path("name").asText() + " is written in the manifest");
            }
        }
        for (JsonNode map : all("ConfigMap")) {
            map.path("data").fieldNames().forEachRemaining(key -> assertFalse(secretName.matcher(key).matches(),
                    "a secret in ConfigMap " + map.path("metadata").path("name") + ": " + key));
        }
    }

    @Test
    void theBaseRendersOnItsOwnAndTheMonitoringComponentIsOptional() throws IOException {
        List<JsonNode> base = kustomize(BASE);
        assertTrue(base.stream().anyMatch(d -> "Deployment".equals(d.path("kind").asText())));
        assertTrue(base.stream().noneMatch(d -> "ServiceMonitor".equals(d.path("kind").asText())),
                "the ServiceMonitor (Prometheus Operator) comes with the monitoring component only");
    }

    // ---- deploy/compose.yaml ------------------------------------------------------------------------------------

    static final Path COMPOSE = Path.of("deploy/compose.yaml");
    static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}");

    static JsonNode compose() throws IOException {
        return YAML.readTree(COMPOSE.toFile());
    }

    /** The compose service built from the repository's Dockerfile. */
    static JsonNode composeService(JsonNode compose) {
        List<JsonNode> built = new ArrayList<>();
        compose.path("services").forEach(service -> {
            if (service.has("build")) {
                built.add(service);
            }
        });
        assertEquals(1, built.size(), "one service is built");
        return built.get(0);
    }

    /** The variables that deploy/.env.example documents, commented out or not. */
    static Set<String> documented() throws IOException {
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^(?:# )?([A-Z][A-Z0-9_]*)=").matcher(Files.readString(Path.of("deploy/.env.example")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void composeBuildsTheDockerfileAndStartsItAfterAHealthyDatabase() throws IOException {
        JsonNode compose = compose();
        JsonNode service = composeService(compose);
        Path context = COMPOSE.getParent().resolve(service.path("build").path("context").asText(".")).normalize();
        Path built = context.resolve(service.path("build").path("dockerfile").asText("Dockerfile")).normalize();
        assertEquals(Path.of("Dockerfile").toAbsolutePath(), built.toAbsolutePath(), "the repository's Dockerfile");
        Matcher tag = Pattern.compile("docker build -t (\\S+) \\.").matcher(dockerfile);
        assertTrue(tag.find());
        assertEquals(tag.group(1), service.path("image").asText(), "the image the Dockerfile's comment names");

        JsonNode dependencies = service.path("depends_on");
        assertEquals(1, dependencies.size(), "the service depends on its database");
        String dbName = dependencies.fieldNames().next();
        assertEquals("service_healthy", dependencies.path(dbName).path("condition").asText());
        JsonNode db = compose.path("services").path(dbName);
        assertTrue(db.path("image").asText().matches("postgres:17(\\..*)?"), "PostgreSQL 17: " + db.path("image"));
        assertFalse(db.path("healthcheck").path("test").isMissingNode(), "the database has a health check");
        assertTrue(db.path("ports").isMissingNode(), "the database is not published");

        String volume = db.path("volumes").get(0).asText();
        assertTrue(volume.endsWith(":/var/lib/postgresql/data"), volume);
        String volumeName = volume.substring(0, volume.indexOf(':'));
        assertTrue(compose.path("volumes").has(volumeName), "a named volume: " + volumeName);

        // The JDBC URL names the database service, its database, user and password.
        JsonNode env = service.path("environment");
        JsonNode dbEnv = db.path("environment");
        URI url = URI.create(env.path("QUARKUS_DATASOURCE_JDBC_URL").asText().substring("jdbc:".length()));
        assertEquals(dbName, url.getHost());
        assertEquals("/" + dbEnv.path("POSTGRES_DB").asText(), url.getPath());
        assertEquals(dbEnv.path("POSTGRES_USER").asText(), env.path("QUARKUS_DATASOURCE_USERNAME").asText());
        assertEquals(dbEnv.path("POSTGRES_PASSWORD").asText().replaceAll(":\\?.*", ""),
                env.path("QUARKUS_DATASOURCE_PASSWORD").asText().replaceAll(":\\?.*", ""), "the same password");
        assertEquals("true", env.path("SCIM_TOKEN_CONSOLE_ENABLED").asText(), "the console is on");
    }

    @Test
    void composePublishesTheApiButNotTheManagementPort() throws IOException {
        JsonNode service = composeService(compose());
        Set<Integer> published = new HashSet<>();
        for (JsonNode port : service.path("ports")) {
            String[] parts = port.asText().split(":");
            published.add(Integer.parseInt(parts[parts.length - 1].replaceAll("/.*", "")));
        }
        assertEquals(Set.of(apiPort()), published, "only the API port (" + apiPort() + ") is published");
    }

    @Test
    void composeTakesEveryKeyAndPasswordFromTheEnvFileThatDocumentsIt() throws IOException {
        JsonNode compose = compose();
        JsonNode service = composeService(compose);
        assertTrue(StreamSupport.stream(service.path("env_file").spliterator(), false)
                .anyMatch(f -> ".env".equals(f.asText())), "the service reads deploy/.env");
        Set<String> documented = documented();
        Pattern secretName = Pattern.compile(".*(PASSWORD|SECRET|ENCRYPTION_KEYS).*");
        for (String required : List.of("QUARKUS_DATASOURCE_PASSWORD", "SCIM_TOKEN_ENCRYPTION_KEYS",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER")) {
            assertTrue(service.path("environment").has(required), required);
        }
        compose.path("services").forEach(each -> each.path("environment").fields().forEachRemaining(variable -> {
            String value = variable.getValue().asText();
            if (secretName.matcher(variable.getKey()).matches()) {
                Matcher m = INTERPOLATION.matcher(value);
                assertTrue(m.matches(), variable.getKey() + " comes from the env file, not written here: " + value);
                assertTrue(m.group(2) != null && m.group(2).startsWith(":?"),
                        variable.getKey() + " is required (${NAME:?...}), never a default");
            }
            Matcher m = INTERPOLATION.matcher(value);
            while (m.find()) {
                assertTrue(documented.contains(m.group(1)), m.group(1) + " is documented in deploy/.env.example");
            }
            assertFalse(value.contains("$("), "nothing generated inline: " + variable.getKey());
        }));

        // The example commits no secret: each secret's line is empty or commented out.
        Matcher line = Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)=(.*)$").matcher(Files.readString(Path.of("deploy/.env.example")));
        while (line.find()) {
            if (secretName.matcher(line.group(1)).matches()) {
                assertEquals("", line.group(2).trim(), line.group(1) + " is left for the operator to make");
            }
        }
        assertTrue(Files.readString(Path.of(".gitignore")).lines().anyMatch("deploy/.env"::equals),
                "deploy/.env is never committed");
    }

    // ---- docs/operations.md ------------------------------------------------------------------------------------

    @Test
    void everyAlertWatchesAMetricTheServiceExposesAndIsExplainedInTheRunbook() throws IOException {
        String runbook = Files.readString(Path.of("docs/operations.md"));
        String openapi = Files.readString(Path.of("openapi.yaml"));
        assertTrue(Files.readString(Path.of("README.md")).contains("(docs/operations.md)"), "the README links it");
        StringBuilder sources = new StringBuilder();
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.append(Files.readString(file));
            }
        }
        List<JsonNode> rules = new ArrayList<>();
        one("PrometheusRule", "scim-token-service").path("spec").path("groups")
                .forEach(group -> group.path("rules").forEach(rules::add));
        assertFalse(rules.isEmpty());
        for (JsonNode rule : rules) {
            String alert = rule.path("alert").asText();
            assertTrue(runbook.contains("\n### " + alert + "\n"), "docs/operations.md explains " + alert);
            String expr = rule.path("expr").asText();
            Matcher metric = Pattern.compile("scim_token_([a-z_]+?)_total").matcher(expr);
            while (metric.find()) {
                String name = "scim_token_" + metric.group(1);
                boolean counted = sources.indexOf("\"" + name + "\"") >= 0
                        || (name.endsWith("_deliveries") && sources.indexOf("\"_deliveries\"") >= 0);
                assertTrue(counted, alert + " watches " + name + ", which the service counts");
            }
            Matcher uri = Pattern.compile("uri=\"([^\"]+)\"").matcher(expr);
            while (uri.find()) {
                assertTrue(openapi.contains("\n  " + uri.group(1) + ":\n"), alert + " watches a route the service serves");
            }
        }
    }


    static {
        // Fail early, with a clear message, if run from another directory than the project's.
        if (!Files.isDirectory(PRODUCTION)) {
            throw new UncheckedIOException(new IOException(PRODUCTION.toAbsolutePath() + " not found: run the tests "
                    + "from the project's root directory"));
        }
    }
}
