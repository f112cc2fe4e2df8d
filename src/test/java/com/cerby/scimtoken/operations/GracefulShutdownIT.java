package com.cerby.scimtoken.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.local.EmbeddedDatabase;
import com.cerby.scimtoken.support.Eventually;
import com.cerby.scimtoken.support.ServiceClient;
import com.cerby.scimtoken.support.ServiceClient.Answer;
import com.cerby.scimtoken.support.ServiceProcess;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged service stopped as an orchestrator stops it: SIGTERM for a rolling update, SIGKILL when it must. */
class GracefulShutdownIT {

    private static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(2);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    private static EmbeddedDatabase database;
    /** A push gateway that takes each notification and answers only when the test lets it. */
    private static HttpServer gateway;
    private static final CountDownLatch notified = new CountDownLatch(1);
    private static final CountDownLatch answer = new CountDownLatch(1);
    private static List<String> settings;
    /** Outlives the others; its notifications are queued but never sent (it dispatches once an hour). */
    private static ServiceProcess steady;
    private static ServiceClient steadyClient;
    /** Killed by one test; it sends no notifications. */
    private static ServiceProcess killed;

    @BeforeAll
    static void startTheDatabaseTheGatewayAndOneInstance() throws Exception {
        database = EmbeddedDatabase.startThrowaway();
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.setExecutor(Executors.newCachedThreadPool());
        gateway.createContext("/push", exchange -> {
            notified.countDown();
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        gateway.start();
        List<String> production = ServiceProcess.productionSettings(database, ServiceProcess.ENCRYPTION_KEYS);
        settings = Stream.concat(production.stream(),
                Stream.of("-Dscim-token.push.gateway-url=http://127.0.0.1:" + gateway.getAddress().getPort() + "/push",
                        "-Dscim-token.push.gateway-secret=gateway-secret", "-Dscim-token.push.timeout=PT10S")).toList();
        steady = ServiceProcess.start("steady", with("-Dscim-token.push.dispatch-interval=PT1H"));
        killed = ServiceProcess.start("killed", production);
        steady.awaitReady(Duration.ofSeconds(60));
        killed.awaitReady(Duration.ofSeconds(60));
        steadyClient = new ServiceClient(steady);
    }

    @AfterAll
    static void stopThem() throws Exception {
        answer.countDown();
        ServiceProcess.closeAll(steady, killed);
        gateway.stop(0);
        database.stop();
    }

    @Test
    void onSigtermReadinessGoesDownLongPollsAnswerClaimedNotificationsAreReleasedAndTheProcessExits() throws Exception {
        for (String user : List.of("nina", "noah", "nora")) {
            String owner = TestTokens.jwt(user, "drain", "owner");
            steadyClient.enroll(owner, "push-token-of-" + user);
            steadyClient.startVerification(owner, "drain", "reveal");
        }
        ServiceProcess draining = ServiceProcess.start("draining", with("-Dquarkus.shutdown.delay=PT2S",
                "-Dquarkus.log.category.\"com.cerby.scimtoken.verification.VerificationResource\".level=DEBUG"));
        draining.awaitReady(Duration.ofSeconds(60));
        assertTrue(notified.await(30, TimeUnit.SECONDS), "the instance claimed the notifications and sends the first");
        ServiceClient client = new ServiceClient(draining);
        String owner = TestTokens.jwt("dora", "drain", "owner");
        client.enroll(owner, null);
        String poll = "/api/v1/workspaces/drain/scim-token/verifications/"
                + client.startVerification(owner, "drain", "reveal").path("id").asText();
        long mark = draining.outputMark();
        CompletableFuture<Answer> waiting = client.sendAsync("GET", poll + "?waitSeconds=25", owner, null);
        Eventually.within(Duration.ofSeconds(10), "the long poll waiting", () -> draining.logSince(mark).stream()
                .anyMatch(line -> line.path("message").asText().startsWith("A long poll waits")));

        Instant terminated = Instant.now();
        draining.terminate();

        Duration readinessDown = Eventually.within(SHUTDOWN_DELAY, "readiness DOWN",
                () -> client.send("GET", "/q/health/ready", null, null).status() == 503);
        assertEquals(200, client.send("GET", "/api/v1/workspaces/drain/scim-token", owner, null).status(),
                "the instance serves on while the load balancer takes it out");
        Answer longPoll = waiting.join();
        assertEquals(200, longPoll.status(), longPoll.body().toString());
        assertEquals("pending", longPoll.body().path("status").asText());
        Duration answered = Duration.between(terminated, Instant.now());
        assertTrue(answered.compareTo(readinessDown) > 0, "readiness went down before the long poll was answered");
        answer.countDown();
        int exitCode = draining.awaitExit(SHUTDOWN_DELAY.plus(SHUTDOWN_TIMEOUT));
        Duration exited = Duration.between(terminated, Instant.now());
        System.out.printf("SIGTERM: readiness DOWN after %d ms, long poll answered after %d ms, exit %d after %d ms%n",
                readinessDown.toMillis(), answered.toMillis(), exitCode, exited.toMillis());

        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password()); Statement query = connection.createStatement()) {
            assertEquals(2, count(query, "select count(*) from outbox where status = 'PENDING' and attempts = 0"
                    + " and next_attempt_at <= now()"), "the claimed notifications not yet sent are due again");
            assertEquals(1, count(query, "select count(*) from outbox where status = 'SENT'"),
                    "the notification under way when the shutdown began was sent and recorded");
            query.executeUpdate("delete from outbox");
        }
    }

    @Test
    void aSigkillLosesNothingThatWasAnsweredWith2xx() throws Exception {
        ServiceClient client = new ServiceClient(killed);
        String owner = TestTokens.jwt("kim", "killed", "owner");
        TestPhone phone = client.enroll(owner, null);
        String approval = client.approved(phone, owner, "killed", "reveal");

        killed.kill();

        JsonNode revealed = steadyClient.call("POST", "/api/v1/workspaces/killed/scim-token/reveal", owner,
                "{\"verificationId\":\"" + approval + "\"}", 200);
        assertTrue(revealed.path("token").asText().startsWith("scim_"));
    }

    private static List<String> with(String... more) {
        List<String> all = new ArrayList<>(settings);
        all.addAll(List.of(more));
        return all;
    }

    private static int count(Statement query, String sql) throws Exception {
        try (ResultSet result = query.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }
}
