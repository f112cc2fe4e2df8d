package com.cerby.scimtoken.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.local.EmbeddedDatabase;
import com.cerby.scimtoken.support.GitHubSecretScanning;
import com.cerby.scimtoken.support.ServiceClient;
import com.cerby.scimtoken.support.ServiceProcess;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances of the packaged service on one PostgreSQL, as behind a load balancer. */
class ScaleOutIT {

    private static final String WORKSPACE = "acme";
    /** Each test has an owner and workspace of its own: a revocation in one must not stop the other's reveal. */
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String OTHER_WORKSPACE = "globex";
    private static final String OTHER_OWNER = TestTokens.jwt("oscar", OTHER_WORKSPACE, "owner");

    private static final GitHubSecretScanning GITHUB = new GitHubSecretScanning();
    private static EmbeddedDatabase database;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static ServiceClient one;
    private static ServiceClient other;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        database = EmbeddedDatabase.startThrowaway();
        List<String> settings = new ArrayList<>(
                ServiceProcess.productionSettings(database, ServiceProcess.ENCRYPTION_KEYS));
        GITHUB.start();
        settings.add("-Dscim-token.leak-reports.github.keys-url=" + GITHUB.keysUrl());
        // One public URL for both, as behind a load balancer: OAuth for provisioning is on.
        settings.add("-Dscim-token.oauth.issuer=https://scim-token.example.test");
        first = ServiceProcess.start("scale-1", settings);
        first.awaitReady(Duration.ofSeconds(60));
        second = ServiceProcess.start("scale-2", settings);
        second.awaitReady(Duration.ofSeconds(60));
        one = new ServiceClient(first);
        other = new ServiceClient(second);
    }

    @AfterAll
    static void stopThem() throws Exception {
        ServiceProcess.closeAll(first, second);
        database.stop();
        GITHUB.stop();
    }

    @Test
    void aVerificationStartedOnOneInstanceIsApprovedAndRevealedThroughTheOther() throws Exception {
        TestPhone phone = one.enroll(OWNER, null);
        JsonNode started = one.startVerification(OWNER, WORKSPACE, "reveal");
        String id = started.path("id").asText();

        JsonNode waiting = other.call("GET", "/api/v1/me/verifications", OWNER, null, 200);
        assertEquals(id, waiting.path("items").path(0).path("id").asText());
        other.approve(phone, OWNER, started);
        assertEquals("approved", one.call("GET", "/api/v1/workspaces/acme/scim-token/verifications/" + id, OWNER,
                null, 200).path("status").asText());
        JsonNode revealed = other.call("POST", "/api/v1/workspaces/acme/scim-token/reveal", OWNER,
                "{\"verificationId\":\"" + id + "\"}", 200);

        assertTrue(revealed.path("token").asText().startsWith("scim_"));
        one.call("POST", "/api/v1/workspaces/acme/scim-token/reveal", OWNER, "{\"verificationId\":\"" + id + "\"}",
                409);
    }

    @Test
    void aRevocationOnOneInstanceIsSeenByIntrospectionOnTheOtherWithinOneSecond() throws Exception {
        TestPhone phone = one.enroll(OTHER_OWNER, null);
        String token = one.reveal(phone, OTHER_OWNER, OTHER_WORKSPACE);
        assertTrue(other.isActive(token), "the other instance knows the token (and caches it)");
        assertTrue(other.isActive(token));

        String revocation = one.approved(phone, OTHER_OWNER, OTHER_WORKSPACE, "revoke");
        one.call("POST", "/api/v1/workspaces/globex/scim-token/revoke", OTHER_OWNER,
                "{\"verificationId\":\"" + revocation + "\"}", 204);
        Instant revokedAt = Instant.now();

        boolean active = true;
        while (active && Duration.between(revokedAt, Instant.now()).compareTo(Duration.ofSeconds(1)) < 0) {
            active = other.isActive(token);
        }
        assertEquals(false, active, "the other instance still accepted the token one second after the revocation");
        assertEquals(false, one.isActive(token));
    }

    @Test
    void aTokenReportedAsLeakedOnOneInstanceIsInactiveOnTheOtherWithinOneSecond() throws Exception {
        String owner = TestTokens.jwt("leo", "initech", "owner");
        TestPhone phone = one.enroll(owner, null);
        String token = one.reveal(phone, owner, "initech");
        assertTrue(other.isActive(token), "the other instance knows the token (and caches it)");

        String report = "[{\"token\":\"" + token + "\",\"type\":\"cerby_scim_token\",\"url\":\"https://example.test\","
                + "\"source\":\"content\"}]";
        ServiceClient.Answer answer = one.post("/api/v1/scim-tokens/leak-reports", Map.of(
                "Github-Public-Key-Identifier", "github-key-1",
                "Github-Public-Key-Signature", GITHUB.sign(report, "github-key-1")), report);
        assertEquals(200, answer.status(), answer.body().toString());
        Instant reportedAt = Instant.now();

        boolean active = true;
        while (active && Duration.between(reportedAt, Instant.now()).compareTo(Duration.ofSeconds(1)) < 0) {
            active = other.isActive(token);
        }
        assertEquals(false, active, "the other instance still accepted the token one second after the report");
    }

    @Test
    void theAccessTokensOfAClientDeletedOnOneInstanceAreInactiveOnTheOtherWithinOneSecond() throws Exception {
        String owner = TestTokens.jwt("carla", "umbrella", "owner");
        TestPhone phone = one.enroll(owner, null);
        String clients = "/api/v1/workspaces/umbrella/scim-clients";
        String clientId = one.call("POST", clients, owner, "{\"name\":\"Entra ID\",\"verificationId\":\""
                + one.approved(phone, owner, "umbrella", "manage_clients") + "\"}", 201).path("clientId").asText();
        String secret = one.call("POST", clients + "/" + clientId + "/secrets", owner, "{\"verificationId\":\""
                + one.approved(phone, owner, "umbrella", "manage_clients") + "\"}", 201).path("clientSecret").asText();
        ServiceClient.Answer issued = other.postForm("/oauth2/token", "grant_type=client_credentials&client_id="
                + clientId + "&client_secret=" + secret);
        assertEquals(200, issued.status(), issued.body().toString());
        String accessToken = issued.body().path("access_token").asText();
        assertTrue(other.isActive(accessToken), "the instance that signed it does not accept the access token");
        assertTrue(one.isActive(accessToken), "the instance that did not sign it does not accept it");

        String deletion = one.approved(phone, owner, "umbrella", "manage_clients");
        one.call("DELETE", clients + "/" + clientId + "?verificationId=" + deletion, owner, null, 204);
        Instant deletedAt = Instant.now();

        boolean active = true;
        while (active && Duration.between(deletedAt, Instant.now()).compareTo(Duration.ofSeconds(1)) < 0) {
            active = other.isActive(accessToken);
        }
        assertEquals(false, active, "the other instance still accepted the access token one second after the"
                + " client was deleted");
        assertEquals(401, other.postForm("/oauth2/token", "grant_type=client_credentials&client_id=" + clientId
                + "&client_secret=" + secret).status());
    }
}
