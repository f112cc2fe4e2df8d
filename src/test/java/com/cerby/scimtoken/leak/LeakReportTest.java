package com.cerby.scimtoken.leak;

import static com.cerby.scimtoken.support.Flows.approved;
import static com.cerby.scimtoken.support.Flows.approvedReveal;
import static com.cerby.scimtoken.support.Flows.introspect;
import static com.cerby.scimtoken.support.Flows.rotate;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.mail.MailCourier;
import com.cerby.scimtoken.common.crypto.ScannableSecret;
import com.cerby.scimtoken.oauth.SecretFormat;
import com.cerby.scimtoken.owners.OwnerContacts;
import com.cerby.scimtoken.scimtoken.TokenFormat;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.GitHubSecretScanning;
import com.cerby.scimtoken.support.Mailbox;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitHub's secret scanning reports a token found in public: a token of ours that works is revoked at once. */
@QuarkusTest
@TestProfile(LeakReportTest.GitHubPartner.class)
class LeakReportTest extends DatabaseTest {

    public static class GitHubPartner implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GitHubSecretScanning.class));
        }
    }

    static final String PATH = "/api/v1/scim-tokens/leak-reports";
    /** The states of a thread that waits (for an answer, a lock), as a worker that fetches GitHub's keys would. */
    private static final Set<Thread.State> WAITING_STATES = Set.of(Thread.State.WAITING, Thread.State.TIMED_WAITING,
            Thread.State.BLOCKED);
    private static final String OWNER = TestTokens.jwt("olivia", "acme", "owner");
    private static final String URL = "https://github.com/example/infra/blob/main/terraform.tfvars";

    GitHubSecretScanning github;

    GreenMail smtp;

    @Inject
    OwnerContacts contacts;

    @TestHTTPResource
    URL baseUrl;

    @Inject
    MailCourier courier;

    private Mailbox mailbox;
    private TestPhone phone;
    private String token;

    @BeforeEach
    void theOwnerHasATokenAndWasSeen() throws Exception {
        phone = TestPhone.enrolledFor(OWNER);
        token = approvedReveal(OWNER, "acme", phone).statusCode(200).extract().path("token");
        contacts.flush();
        mailbox = new Mailbox(smtp, courier, database, clock);
        mailbox.empty();
    }

    static String report(String... tokens) {
        StringBuilder body = new StringBuilder("[");
        for (String reported : tokens) {
            body.append(body.length() > 1 ? "," : "").append("{\"token\":\"").append(reported)
                    .append("\",\"type\":\"cerby_scim_token\",\"url\":\"").append(URL)
                    .append("\",\"source\":\"content\"}");
        }
        return body.append("]").toString();
    }

    private ValidatableResponse send(String body, String keyId, String signature) {
        var request = given().contentType("application/json").body(body);
        if (keyId != null) {
            request.header("Github-Public-Key-Identifier", keyId);
        }
        if (signature != null) {
            request.header("Github-Public-Key-Signature", signature);
        }
        return request.when().post(PATH).then();
    }

    private ValidatableResponse sendSigned(String body) {
        return send(body, "github-key-1", github.sign(body, "github-key-1"));
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(TokenFormat.lookupHash(text));
    }

    private long leakEvents() throws SQLException {
        return (Long) database.queryValue("select count(*) from audit_event where type = 'scim_token.leak_reported'");
    }

    @Test
    void aReportedTokenIsRevokedAtOnceAuditedWithoutItAndItsOwnersAreTold() throws Exception {
        sendSigned(report(token)).statusCode(200).contentType("application/json")
                .body("size()", equalTo(1))
                .body("[0].token_hash", equalTo(sha256(token)))
                .body("[0].token_type", equalTo("cerby_scim_token"))
                .body("[0].label", equalTo("true_positive"));

        introspect(token).body("active", equalTo(false));
        given().auth().oauth2(OWNER).get("/api/v1/workspaces/acme/scim-token").then().body("status", equalTo("revoked"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'scim_token.leak_reported'"
                + " and details->>'url' = ? and details->>'source' = 'content' and details->>'action' = 'revoked'", URL));
        assertFalse(database.dumpAllTables().contains(token.substring(5, 48)), "the token is stored in plaintext");

        List<MimeMessage> received = mailbox.deliver();
        assertEquals(1, received.size());
        assertEquals("olivia@example.test", received.get(0).getAllRecipients()[0].toString());
        assertEquals("Your SCIM token was found in public and has been revoked", received.get(0).getSubject());
        String body = Mailbox.text(received.get(0));
        assertTrue(body.contains(URL) && body.contains(token.substring(token.length() - 4) + " of workspace acme")
                && body.contains("Rotate the token"),
                body);
        assertFalse(body.contains(token), "the mail carries the token");
    }

    @Test
    void anOwnerSeenAMomentAgoIsToldBeforeTheSightingIsWritten() throws Exception {
        given().auth().oauth2(TestTokens.jwt("oscar", "acme", "owner")).get("/api/v1/workspaces/acme/scim-token")
                .then().statusCode(200);

        sendSigned(report(token)).statusCode(200).body("[0].label", equalTo("true_positive"));

        assertEquals(Set.of("olivia@example.test", "oscar@example.test"), mailbox.deliver().stream()
                .map(LeakReportTest::recipient).collect(Collectors.toSet()));
    }

    @Test
    void unknownMalformedAndInactiveTokensChangeNothing() throws Exception {
        String unknown = TokenFormat.generate(new SecureRandom());
        sendSigned(report(unknown, "scim_not-a-token")).statusCode(200)
                .body("label", equalTo(List.of("false_positive", "false_positive")))
                .body("token_hash", equalTo(List.of(sha256(unknown), sha256("scim_not-a-token"))));
        sendSigned(report(token)).statusCode(200);

        sendSigned(report(token)).statusCode(200).body("[0].label", equalTo("true_positive"));

        assertEquals(1L, leakEvents(), "a second report of a revoked token changes nothing");
        assertEquals(1, mailbox.deliver().size());
    }

    @Test
    void aTokenInItsGracePeriodIsRevokedAndTheCurrentOneKeepsWorking() throws Exception {
        String current = rotate(OWNER, "acme", approved(OWNER, "acme", phone, "rotate"), 86400).statusCode(200)
                .extract().path("token");

        sendSigned(report(token)).statusCode(200).body("[0].label", equalTo("true_positive"));

        introspect(token).body("active", equalTo(false));
        introspect(current).body("active", equalTo(true));
        given().auth().oauth2(OWNER).get("/api/v1/workspaces/acme/scim-token").then()
                .body("status", equalTo("active")).body("previous", equalTo(null));
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedBeforeAnythingIsLookedUp() throws Exception {
        String body = report(token);

        assertProblem(send(body, null, null), 401, "invalid_signature", PATH);
        assertProblem(send(body, "github-key-1", null), 401, "invalid_signature", PATH);
        assertProblem(send(body, "github-key-1", github.sign(report(token, token), "github-key-1")), 401,
                "invalid_signature", PATH);
        assertProblem(send(body, "github-key-1", GitHubSecretScanning.signWithUnknownKey(body)), 401,
                "invalid_signature", PATH);
        assertProblem(send(body, "github-key-1", "bm90IGEgc2lnbmF0dXJl"), 401, "invalid_signature", PATH);
        assertProblem(send(body, "github-key-1", "%%%"), 401, "invalid_signature", PATH);
        assertProblem(send(body, "k".repeat(129), github.sign(body, "github-key-1")), 401, "invalid_signature", PATH);

        introspect(token).body("active", equalTo(true));
        assertEquals(0L, leakEvents());
    }

    @Test
    void aKeyGitHubRotatesInIsFetchedOnceAndForgedKeyIdsFetchAtMostOncePerInterval() {
        sendSigned(report(TokenFormat.generate(new SecureRandom()))).statusCode(200);
        int fetches = github.keyFetches();
        clock.advance(Duration.ofMinutes(1));
        github.publish("github-key-2");

        String body = report(token);
        send(body, "github-key-2", github.sign(body, "github-key-2")).statusCode(200)
                .body("[0].label", equalTo("true_positive"));
        assertEquals(fetches + 1, github.keyFetches());

        for (int i = 0; i < 10; i++) {
            assertProblem(send(body, "forged-" + i, GitHubSecretScanning.signWithUnknownKey(body)), 401,
                    "invalid_signature", PATH);
        }
        assertEquals(fetches + 1, github.keyFetches(), "forged key ids fetched GitHub's keys again");
        clock.advance(Duration.ofMinutes(1));
        assertProblem(send(body, "forged-late", GitHubSecretScanning.signWithUnknownKey(body)), 401,
                "invalid_signature", PATH);
        assertEquals(fetches + 2, github.keyFetches());
    }

    @Test
    void whileGitHubsKeysAreFetchedNoThreadWaitsForThemAndConcurrentReportsShareTheFetch() throws Exception {
        clock.advance(Duration.ofHours(1));
        int fetches = github.keyFetches();
        github.serveKeysAfter(Duration.ofSeconds(3));
        try {
            String body = report(token);
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> reports = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                reports.add(client.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + PATH.substring(1)))
                        .header("Content-Type", "application/json")
                        .header("Github-Public-Key-Identifier", "forged-" + i)
                        .header("Github-Public-Key-Signature", GitHubSecretScanning.signWithUnknownKey(body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            Set<String> waiting = new TreeSet<>();
            Instant started = Instant.now();
            Instant deadline = Instant.now().plusSeconds(30);
            while (!reports.stream().allMatch(CompletableFuture::isDone) && Instant.now().isBefore(deadline)) {
                Thread.getAllStackTraces().forEach((thread, frames) -> {
                    if (WAITING_STATES.contains(thread.getState()) && Arrays.stream(frames)
                            .anyMatch(frame -> frame.getClassName().equals(GitHubKeys.class.getName()))) {
                        waiting.add(thread.getName() + " " + thread.getState() + " " + Arrays.toString(frames));
                    }
                });
            }

            assertEquals(Set.of(), waiting, "threads that waited for GitHub's keys");
            assertTrue(Duration.between(started, Instant.now()).toMillis() >= 2_500, "the reports waited for the fetch");
            for (CompletableFuture<HttpResponse<String>> report : reports) {
                assertEquals(401, report.get(30, TimeUnit.SECONDS).statusCode());
            }
            assertEquals(fetches + 1, github.keyFetches(), "one fetch for all the reports that arrived during it");
        } finally {
            github.serveKeysAfter(Duration.ZERO);
        }
    }

    @Test
    void aReportThatIsNotAnArrayOfMatchesIsRefused() {
        assertProblem(sendSigned("{\"token\":\"" + token + "\"}"), 400, "malformed_json", PATH);
        assertProblem(sendSigned("[{\"token\":"), 400, "malformed_json", PATH);
        assertProblem(sendSigned("[{\"type\":\"x\"}]"), 400, "validation_failed", PATH);
        for (String wrongShape : List.of("null", "[null]", "\"text\"", "42", "true", "[[]]")) {
            assertThat(sendSigned(wrongShape).statusCode(400).contentType("application/problem+json").extract()
                    .<String>path("code"), oneOf("malformed_json", "validation_failed"));
        }
        introspect(token).body("active", equalTo(true));
    }

    @Test
    void reportsNeedNoJwt() {
        sendSigned(report(TokenFormat.generate(new SecureRandom()))).statusCode(200)
                .header("RateLimit-Limit", "1000000");
    }

    private static final String CLIENTS = "/api/v1/workspaces/acme/scim-clients";

    private String createClient(String name) {
        return given().auth().oauth2(OWNER).contentType("application/json")
                .body(java.util.Map.of("name", name, "verificationId", approved(OWNER, "acme", phone, "manage_clients")))
                .when().post(CLIENTS).then().statusCode(201).extract().path("clientId");
    }

    private String addSecret(String clientId, int expiresInDays) {
        return given().auth().oauth2(OWNER).contentType("application/json")
                .body(java.util.Map.of("verificationId", approved(OWNER, "acme", phone, "manage_clients"),
                        "expiresInDays", expiresInDays))
                .when().post(CLIENTS + "/" + clientId + "/secrets").then().statusCode(201).extract()
                .path("clientSecret");
    }

    private static ValidatableResponse accessToken(String clientId, String secret) {
        return given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret).when().post("/oauth2/token")
                .then();
    }

    private static String secretReport(String... secrets) {
        return report(secrets).replace("cerby_scim_token", "cerby_scim_client_secret");
    }

    private long secretLeakEvents() throws SQLException {
        return (Long) database.queryValue(
                "select count(*) from audit_event where type = 'oauth_client.secret_leak_reported'");
    }

    @Test
    void aReportedClientSecretIsRevokedAtOnceWithItsAccessTokensAndTheOtherSecretKeepsWorking() throws Exception {
        String clientId = createClient("Entra ID");
        String leaked = addSecret(clientId, 365);
        String kept = addSecret(clientId, 365);
        String fromLeaked = accessToken(clientId, leaked).statusCode(200).extract().path("access_token");
        String fromKept = accessToken(clientId, kept).statusCode(200).extract().path("access_token");
        String leakedId = (String) database.queryValue("select id::text from oauth_client_secret where hint = ?",
                "scimcs_…" + leaked.substring(leaked.length() - 4));
        mailbox.empty();

        sendSigned(secretReport(leaked)).statusCode(200).body("size()", equalTo(1))
                .body("[0].token_hash", equalTo(sha256(leaked)))
                .body("[0].token_type", equalTo("cerby_scim_client_secret"))
                .body("[0].label", equalTo("true_positive"));

        accessToken(clientId, leaked).statusCode(401).body("error", equalTo("invalid_client"));
        introspect(fromLeaked).body("active", equalTo(false));
        introspect(fromKept).body("active", equalTo(true));
        accessToken(clientId, kept).statusCode(200);
        assertEquals(0L, database.queryValue("select count(*) from oauth_client_secret where id::text = ?", leakedId));
        assertEquals(1L, database.queryValue("select count(*) from audit_event"
                + " where type = 'oauth_client.secret_leak_reported' and actor_id is null and workspace_id = 'acme'"
                + " and details->>'clientId' = ? and details->>'secretId' = ? and details->>'url' = ?"
                + " and details->>'source' = 'content' and details->>'action' = 'revoked'", clientId, leakedId, URL));
        assertFalse(database.dumpAllTables().contains(leaked.substring(7, 50)), "the secret is stored in plaintext");

        List<MimeMessage> received = mailbox.deliver();
        assertEquals(1, received.size());
        assertEquals("olivia@example.test", recipient(received.get(0)));
        assertEquals("A client secret of your SCIM provisioning was found in public and has been revoked",
                received.get(0).getSubject());
        String body = Mailbox.text(received.get(0));
        assertTrue(body.contains(URL) && body.contains(leaked.substring(leaked.length() - 4))
                && body.contains("\"Entra ID\" of workspace acme") && body.contains("Add a new secret"), body);
        assertFalse(body.contains(leaked.substring(7, 50)), "the mail carries the secret");
    }

    @Test
    void unknownMalformedExpiredAndRevokedClientSecretsAnswerLikeUnknownTokens() throws Exception {
        String clientId = createClient("Okta");
        String expiring = addSecret(clientId, 1);
        String revoked = addSecret(clientId, 365);
        sendSigned(secretReport(revoked)).statusCode(200).body("[0].label", equalTo("true_positive"));
        assertEquals(1L, secretLeakEvents());
        mailbox.empty();
        clock.advance(Duration.ofDays(2));

        String unknown = ScannableSecret.generate(new SecureRandom(), SecretFormat.PREFIX);
        List<String> reported = List.of(unknown, "scimcs_not-a-secret", expiring, revoked);
        String body = secretReport(reported.toArray(String[]::new));
        sendSigned(body).statusCode(200)
                .body("label", equalTo(List.of("false_positive", "false_positive", "false_positive", "false_positive")))
                .body("token_hash", equalTo(reported.stream().map(LeakReportTest::sha256).toList()));

        assertEquals(1L, secretLeakEvents(), "a report of an inactive secret changed something");
        assertEquals(1L, database.queryValue("select count(*) from oauth_client_secret"), "the expired one is kept");
        assertEquals(0, mailbox.deliver().size());
    }
}
