# scim-token-service: JVM image, production mode (the default profile), non-root.
#
#   docker build -t scim-token-service .
#
# Run it beside its database on a network of their own, with the secrets in env files made once (never generated
# in the run command: a new encryption key at every start leaves every stored token unreadable). The README's
# Docker section has the commands.
#
# The first stage builds target/quarkus-app with Maven (tests run in CI, not here); the second runs it.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY openapi.yaml .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 scimtoken \
 && useradd --system --uid 10001 --gid scimtoken --no-create-home --shell /usr/sbin/nologin scimtoken
WORKDIR /app
COPY --from=build --chown=10001:10001 /build/target/quarkus-app/lib/ lib/
COPY --from=build --chown=10001:10001 /build/target/quarkus-app/*.jar ./
COPY --from=build --chown=10001:10001 /build/target/quarkus-app/app/ app/
COPY --from=build --chown=10001:10001 /build/target/quarkus-app/quarkus/ quarkus/
USER 10001
EXPOSE 8080 9000
# Two malloc arenas keep native memory from growing with the threads. The JVM flags are on the command line, not
# in JAVA_TOOL_OPTIONS, whose "Picked up" notice would be a plain-text line among the JSON log lines. The heap
# follows the container's memory limit; SerialGC and the native heap trimmed every 5 s keep the rest small (the
# Kubernetes manifests give a fixed heap with the same flags and say why).
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=5000", \
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/app/quarkus-run.jar"]
