package com.cerby.scimtoken.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.scimtoken.TokenFormat;
import com.cerby.scimtoken.support.Eventually;
import com.cerby.scimtoken.support.PostgresServer;
import com.cerby.scimtoken.support.ServiceClient;
import com.cerby.scimtoken.support.ServiceClient.Answer;
import com.cerby.scimtoken.support.ServiceProcess;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on a PostgreSQL server that the tests stop, restart and freeze: what needs
 * the database answers 503 {@code service_unavailable} within 10 s, what does not keeps working, the log says it
 * once, and everything recovers when the database returns.
 */
class DatabaseOutageIT {

    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);
    private static final Duration READY_AGAIN_BOUND = Duration.ofSeconds(5);
    private static final String OUTAGE_LOGGER = "com.cerby.scimtoken.common.db.DatabaseOutage";

    private static PostgresServer database;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static ServiceClient one;
    private static ServiceClient other;

    @BeforeAll
    static void startTwoInstancesOnTheirOwnServer() throws Exception {
        database = PostgresServer.start();
        List<String> settings = new ArrayList<>(ServiceProcess.productionSettings(database.jdbcUrl(),
                database.username(), database.password(), ServiceProcess.ENCRYPTION_KEYS));
        // Scheduled jobs run every second, so that they run during each outage; the change feed's heartbeat
        // tells sooner that the database answers again. Debug lines show each failed job and each waiting long poll.
        settings.addAll(List.of("-Dscim-token.verification.sweep-interval=PT1S",
                "-Dscim-token.token.last-used-flush-interval=PT1S", "-Dscim-token.change-feed.heartbeat=PT2S",
                "-Dquarkus.log.category.\"com.cerby.scimtoken.common.db\".level=DEBUG",
                "-Dquarkus.log.category.\"com.cerby.scimtoken.verification.VerificationResource\".level=DEBUG"));
        first = ServiceProcess.start("outage-1", settings);
        // The second instance has a small pool, to be exhausted.
        second = ServiceProcess.start("outage-2", Stream.concat(settings.stream(),
                Stream.of("-Dquarkus.datasource.jdbc.max-size=3")).toList());
        first.awaitReady(Duration.ofSeconds(60));
        second.awaitReady(Duration.ofSeconds(60));
        one = new ServiceClient(first);
        other = new ServiceClient(second);
    }

    @AfterAll
    static void stopThem() throws Exception {
        ServiceProcess.closeAll(first, second);
        database.close();
    }

    @Test
    void whileTheDatabaseIsDownWhatNeedsItAnswers503AndCachedTokensStillIntrospect() throws Exception {
        String owner = TestTokens.jwt("olivia", "down", "owner");
        String token = one.reveal(one.enroll(owner, null), owner, "down");
        assertTrue(one.isActive(token), "introspection caches the token");
        String neverSeen = TokenFormat.generate(new SecureRandom());
        long mark = first.outputMark();
        long otherMark = second.outputMark();

        database.stop();

        assertUnavailable(one.send("GET", "/api/v1/workspaces/down/scim-token", owner, null));
        assertUnavailable(one.send("POST", "/api/v1/workspaces/down/scim-token/verifications", owner, "{}"));
        assertUnavailable(one.send("GET", "/api/v1/workspaces/down/audit-events", owner, null));
        assertUnavailable(one.send("GET", "/api/v1/me/devices", owner, null));
        assertUnavailable(one.introspect(neverSeen));
        assertTrue(one.isActive(token), "a cached token is still introspected");
        assertEquals(200, one.send("GET", "/q/health/live", null, null).status());
        assertEquals(503, one.send("GET", "/q/health/ready", null, null).status());

        database.startAgain();

        Duration readyAgain = Eventually.within(READY_AGAIN_BOUND, "readiness after the restart",
                () -> one.send("GET", "/q/health/ready", null, null).status() == 200);
        System.out.printf("Ready again %d ms after the database accepted connections%n", readyAgain.toMillis());
        assertEquals(200, one.send("GET", "/api/v1/workspaces/down/scim-token", owner, null).status());
        assertFalse(one.isActive(neverSeen), "a token that does not exist is inactive, once it can be checked");
        assertOutageLoggedOnce(first, mark);
        awaitOutageOver(second, otherMark);
    }

    @Test
    void aHungDatabaseMakesRequestsAnswer503WithinTenSeconds() throws Exception {
        String owner = TestTokens.jwt("harry", "hung", "owner");
        String token = one.reveal(one.enroll(owner, null), owner, "hung");
        assertTrue(one.isActive(token));
        long mark = first.outputMark();
        long otherMark = second.outputMark();

        database.freeze();
        try {
            List<CompletableFuture<Answer>> waiting = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waiting.add(one.sendAsync("GET", "/api/v1/workspaces/hung/scim-token", owner, null));
            }
            waiting.add(one.sendAsync("POST", "/api/v1/workspaces/hung/scim-token/verifications", owner, "{}"));
            waiting.add(one.sendAsync("GET", "/api/v1/workspaces/hung/audit-events", owner, null));
            CompletableFuture<Answer> neverSeen = CompletableFuture.supplyAsync(
                    () -> one.introspect(TokenFormat.generate(new SecureRandom())));
            CompletableFuture<Answer> ready = one.sendAsync("GET", "/q/health/ready", null, null);

            Answer cached = one.introspect(token);
            assertEquals(200, cached.status());
            assertTrue(cached.body().path("active").asBoolean());
            assertTrue(cached.took().compareTo(Duration.ofSeconds(1)) < 0,
                    "cached introspection took " + cached.took());
            Answer live = one.send("GET", "/q/health/live", null, null);
            assertEquals(200, live.status());
            assertTrue(live.took().compareTo(Duration.ofSeconds(1)) < 0, "liveness took " + live.took());
            Duration slowest = Duration.ZERO;
            for (CompletableFuture<Answer> request : waiting) {
                slowest = max(slowest, assertUnavailable(request.join()));
            }
            slowest = max(slowest, assertUnavailable(neverSeen.join()));
            System.out.printf("While the database hung, the slowest 503 took %d ms%n", slowest.toMillis());
            assertEquals(503, ready.join().status());
            assertTrue(ready.join().took().compareTo(ANSWER_BOUND) < 0, "readiness took " + ready.join().took());
        } finally {
            database.thaw();
        }

        Duration readyAgain = Eventually.within(READY_AGAIN_BOUND, "readiness after the database answered again",
                () -> one.send("GET", "/q/health/ready", null, null).status() == 200);
        System.out.printf("Ready again %d ms after the database answered again%n", readyAgain.toMillis());
        assertEquals(200, one.send("GET", "/api/v1/workspaces/hung/scim-token", owner, null).status());
        assertOutageLoggedOnce(first, mark);
        awaitOutageOver(second, otherMark);
    }

    @Test
    void usesNotedDuringAnOutageAreWrittenWhenTheDatabaseReturns() throws Exception {
        String owner = TestTokens.jwt("ursula", "uses", "owner");
        String token = one.reveal(one.enroll(owner, null), owner, "uses");
        assertTrue(one.isActive(token));
        long mark = first.outputMark();
        long otherMark = second.outputMark();

        database.stop();
        Instant usedDuringOutage = Instant.now();
        assertTrue(one.isActive(token));
        Eventually.within(ANSWER_BOUND, "a failed flush of the use", () -> first.logSince(mark).stream()
                .anyMatch(line -> line.path("message").asText().contains("last-use flush")
                        && Instant.parse(line.path("timestamp").asText()).isAfter(usedDuringOutage)));
        database.startAgain();

        Eventually.within(ANSWER_BOUND, "lastUsedAt of the use during the outage", () -> {
            JsonNode metadata = one.send("GET", "/api/v1/workspaces/uses/scim-token", owner, null).body();
            return !metadata.path("lastUsedAt").isMissingNode() && !metadata.path("lastUsedAt").isNull()
                    && !Instant.parse(metadata.path("lastUsedAt").asText()).isBefore(usedDuringOutage);
        });
        awaitOutageOver(first, mark);
        awaitOutageOver(second, otherMark);
    }

    @Test
    void afterARestartTheInstanceForgetsWhatItMayHaveMissedAndLongPollsCarryOn() throws Exception {
        String owner = TestTokens.jwt("rita", "restart", "owner");
        TestPhone phone = one.enroll(owner, null);
        String token = one.reveal(phone, owner, "restart");
        assertTrue(one.isActive(token));
        // A revocation whose notification this instance never heard: written behind the service's back.
        try (Connection connection = database.connect(); PreparedStatement revoke = connection.prepareStatement(
                "update scim_token set status = 'REVOKED', revoked_at = now() where workspace_id = 'restart'")) {
            assertEquals(1, revoke.executeUpdate());
        }
        assertTrue(one.isActive(token), "the cached lookup still answers");
        JsonNode started = one.startVerification(owner, "restart", "reveal");
        String poll = "/api/v1/workspaces/restart/scim-token/verifications/" + started.path("id").asText();
        long mark = first.outputMark();
        long otherMark = second.outputMark();
        CompletableFuture<Answer> waiting = one.sendAsync("GET", poll + "?waitSeconds=25", owner, null);
        Eventually.within(ANSWER_BOUND, "the long poll waiting", () -> first.logSince(mark).stream()
                .anyMatch(line -> line.path("message").asText().startsWith("A long poll waits")));

        database.stop();
        database.startAgain();

        Duration forgotten = Eventually.within(READY_AGAIN_BOUND, "the cached lookup forgotten",
                () -> !one.isActive(token));
        System.out.printf("The revoked token was inactive %d ms after the restart%n", forgotten.toMillis());
        Answer woken = waiting.join();
        assertEquals(200, woken.status(), woken.body().toString());
        assertEquals("pending", woken.body().path("status").asText());
        CompletableFuture<Answer> next = one.sendAsync("GET", poll + "?waitSeconds=20", owner, null);
        other.approve(phone, owner, started);
        Answer approved = next.join();
        assertEquals("approved", approved.body().path("status").asText());
        assertTrue(approved.took().compareTo(Duration.ofSeconds(10)) < 0,
                "the approval was heard on the other instance");
        awaitOutageOver(first, mark);
        awaitOutageOver(second, otherMark);
    }

    @Test
    void anExhaustedPoolAndStatementTimeoutsAnswer503() throws Exception {
        String owner = TestTokens.jwt("pat", "pool", "owner");
        other.enroll(owner, null);
        long mark = second.outputMark();

        try (Connection connection = database.connect(); Statement lock = connection.createStatement()) {
            connection.setAutoCommit(false);
            lock.execute("lock table device in access exclusive mode");
            // Three requests take the pool's three connections and wait for the lock until the statement timeout;
            // the other three wait for a connection until the acquisition timeout.
            List<CompletableFuture<Answer>> waiting = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                waiting.add(other.sendAsync("GET", "/api/v1/me/devices", owner, null));
            }
            Duration slowest = Duration.ZERO;
            for (CompletableFuture<Answer> request : waiting) {
                slowest = max(slowest, assertUnavailable(request.join()));
            }
            System.out.printf("With the pool exhausted, the slowest 503 took %d ms%n", slowest.toMillis());
            connection.rollback();
        }

        assertEquals(200, other.send("GET", "/api/v1/me/devices", owner, null).status());
        assertOutageLoggedOnce(second, mark);
    }

    /** A 503 service_unavailable problem with Retry-After, within the bound; answers how long it took. */
    private static Duration assertUnavailable(Answer answer) {
        assertEquals(503, answer.status(), answer.body().toString());
        assertEquals("application/problem+json", answer.header("Content-Type"));
        assertEquals("service_unavailable", answer.body().path("code").asText());
        assertEquals(503, answer.body().path("status").asInt());
        assertEquals("5", answer.header("Retry-After"));
        assertTrue(answer.took().compareTo(ANSWER_BOUND) < 0, "the 503 took " + answer.took());
        return answer.took();
    }

    /** One warning for the outage, one line when it ended, no other warning, no error, no stack trace. */
    private static void assertOutageLoggedOnce(ServiceProcess instance, long mark) throws Exception {
        Eventually.within(ANSWER_BOUND, "the log line saying the database answers again",
                () -> hasLogged(instance, mark, "The database answers again"));
        List<JsonNode> lines = instance.logSince(mark);
        List<JsonNode> warnings = lines.stream()
                .filter(line -> List.of("WARN", "ERROR", "FATAL").contains(line.path("level").asText())).toList();
        assertEquals(1, warnings.size(), "warnings and errors: " + warnings);
        assertEquals(OUTAGE_LOGGER, warnings.get(0).path("loggerName").asText());
        assertTrue(warnings.get(0).path("message").asText().startsWith("The database is unavailable"));
        assertFalse(lines.stream().anyMatch(line -> line.has("exception") || line.has("stackTrace")),
                "no stack trace is logged");
    }

    /**
     * Waits until an outage that the instance logged since the mark is logged as over, so that the next test's outage
     * is a new one (the change feed of an instance that no request touched may not have noticed a short one).
     */
    private static void awaitOutageOver(ServiceProcess instance, long mark) throws Exception {
        if (hasLogged(instance, mark, "The database is unavailable")) {
            Eventually.within(ANSWER_BOUND, "the end of the outage on " + instance.baseUrl(),
                    () -> hasLogged(instance, mark, "The database answers again"));
        }
    }

    private static boolean hasLogged(ServiceProcess instance, long mark, String messageStart) throws Exception {
        return instance.logSince(mark).stream().anyMatch(line -> OUTAGE_LOGGER.equals(line.path("loggerName").asText())
                && line.path("message").asText().startsWith(messageStart));
    }

    private static Duration max(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }
}
