package com.cerby.scimtoken.scimtoken;

import static com.cerby.scimtoken.support.Flows.approvedReveal;
import static com.cerby.scimtoken.support.Flows.introspect;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestDatabase;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IntrospectionTest extends DatabaseTest {

    private static final String PATH = "/api/v1/scim-tokens/introspect";
    private static final String INTROSPECTOR = TestTokens.jwt("scim-server", "system", "token_introspector");
    private static final String INACTIVE = "{\"active\":false}";

    @Inject
    SessionFactory sessions;

    @Inject
    TokenUsage usage;

    private long queries() {
        return sessions.getStatistics().getQueryExecutionCount();
    }

    @Test
    void anActiveTokenIsDescribedByFormAndByJson() throws SQLException {
        Instant createdAt = Instant.parse("2026-01-02T03:04:05Z");
        TestDatabase.StoredToken stored = database.insertToken("acme", "CURRENT", "alice", createdAt, null);

        introspect(stored.token()).statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true))
                .body("workspace_id", equalTo("acme"))
                .body("token_id", equalTo(stored.id().toString()))
                .body("iat", equalTo((int) createdAt.getEpochSecond()))
                .body("size()", equalTo(4));
        given().auth().oauth2(INTROSPECTOR).contentType(ContentType.JSON).body(Map.of("token", stored.token()))
                .when().post(PATH).then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void aTokenWithAnExpiryCarriesExp() throws SQLException {
        Instant expiresAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        TestDatabase.StoredToken stored = database.insertToken("acme", "CURRENT", "alice", Instant.now(), expiresAt);

        introspect(stored.token()).body("exp", equalTo((int) expiresAt.getEpochSecond()));
    }

    @Test
    void unknownRevokedAndExpiredTokensAreExactlyInactive() throws SQLException {
        String unknown = TokenFormat.generate(new SecureRandom());
        TestDatabase.StoredToken revoked = database.insertToken("acme", "REVOKED", "alice", Instant.now(), null);
        TestDatabase.StoredToken expired = database.insertToken("acme", "PREVIOUS", "alice",
                Instant.now().minus(Duration.ofDays(1)), Instant.now().minusSeconds(1));

        for (String token : new String[] { unknown, revoked.token(), expired.token() }) {
            assertEquals(INACTIVE, introspect(token).statusCode(200).extract().asString());
        }
    }

    @Test
    void malformedTokensAreInactiveWithoutADatabaseLookup() {
        String valid = TokenFormat.generate(new SecureRandom());
        char last = valid.charAt(valid.length() - 1);
        String[] malformed = { "nope", "SCIM_" + valid.substring(5), valid + "x", valid.substring(0, 53),
                valid.substring(0, 53) + (last == 'a' ? 'b' : 'a'), "scim_" + "!".repeat(49), "x".repeat(1000) };
        long before = queries();

        for (String token : malformed) {
            assertEquals(INACTIVE, introspect(token).statusCode(200).extract().asString(), token);
        }

        assertEquals(before, queries(), "a malformed token must not reach the database");
    }

    @Test
    void aTokenOver2048CharactersIsInvalidInAFormAsInJson() {
        assertProblem(introspect("x".repeat(5000)), 400, "validation_failed", PATH)
                .body("errors[0].field", equalTo("token"));
        assertProblem(given().auth().oauth2(INTROSPECTOR).contentType(ContentType.JSON)
                .body(Map.of("token", "x".repeat(2049))).when().post(PATH).then(), 400, "validation_failed", PATH)
                .body("errors[0].field", equalTo("token"));
    }

    @Test
    void aFormOver64KibIsTooLarge() {
        assertProblem(introspect("x".repeat(65 * 1024)), 413, "payload_too_large", PATH);
    }

    @Test
    void repeatedIntrospectionsAreAnsweredFromMemory() throws SQLException {
        TestDatabase.StoredToken stored = database.insertToken("acme", "CURRENT", "alice", Instant.now(), null);
        String unknown = TokenFormat.generate(new SecureRandom());
        introspect(stored.token()).body("active", equalTo(true));
        introspect(unknown).body("active", equalTo(false));
        long before = queries();

        for (int i = 0; i < 20; i++) {
            introspect(stored.token()).body("active", equalTo(true));
            introspect(unknown).body("active", equalTo(false));
        }

        assertEquals(before, queries());
    }

    @Test
    void aRevocationIsVisibleAtOnceOnTheInstanceThatMadeIt() {
        String owner = TestTokens.jwt("olivia", "acme", "owner");
        TestPhone phone = TestPhone.enrolledFor(owner);
        String token = approvedReveal(owner, "acme", phone).statusCode(200).extract().path("token");
        introspect(token).body("active", equalTo(true));

        com.cerby.scimtoken.support.Flows.revoke(owner, "acme",
                com.cerby.scimtoken.support.Flows.approved(owner, "acme", phone, "revoke")).statusCode(204);

        assertEquals(INACTIVE, introspect(token).extract().asString());
    }

    @Test
    void aRevocationByAnotherInstanceIsVisibleWithinOneSecond() throws Exception {
        TestDatabase.StoredToken stored = database.insertToken("acme", "CURRENT", "alice", Instant.now(), null);
        introspect(stored.token()).body("active", equalTo(true));

        // What another instance does: revoke in the database and notify, in one transaction.
        database.queryValue("""
                with revoked as (update scim_token set status = 'REVOKED', revoked_at = now()
                                 where id = ? returning workspace_id)
                select pg_notify('scim_token_change', workspace_id) from revoked""", stored.id());

        Instant deadline = Instant.now().plusSeconds(1);
        boolean active = true;
        while (active && Instant.now().isBefore(deadline)) {
            active = introspect(stored.token()).extract().path("active");
        }
        assertEquals(false, active, "still active one second after another instance revoked it");
    }

    @Test
    void lastUseIsWrittenInBatchesNotPerRequest() throws SQLException {
        TestDatabase.StoredToken stored = database.insertToken("acme", "CURRENT", "alice", Instant.now(), null);
        introspect(stored.token()).body("active", equalTo(true));
        introspect(stored.token()).body("active", equalTo(true));

        assertEquals(null, database.queryValue("select last_used_at from scim_token where id = ?", stored.id()));
        assertEquals(1, usage.flush());
        assertTrue(database.queryValue("select last_used_at from scim_token where id = ?", stored.id()) != null);
        assertEquals(0, usage.flush());
        given().auth().oauth2(TestTokens.jwt("alice", "acme", "owner")).get("/api/v1/workspaces/acme/scim-token")
                .then().body("lastUsedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void onlyTheIntrospectorRoleMayIntrospect() {
        String token = TokenFormat.generate(new SecureRandom());
        assertProblem(given().auth().oauth2(TestTokens.jwt("olivia", "acme", "owner")).contentType(ContentType.URLENC)
                .formParam("token", token).when().post(PATH).then(), 403, "role_not_allowed", PATH);
        assertProblem(given().contentType(ContentType.URLENC).formParam("token", token).when().post(PATH).then(),
                401, "unauthorized", PATH);
    }

    @Test
    void aMissingTokenIsAValidationFailure() {
        assertProblem(given().auth().oauth2(INTROSPECTOR).contentType(ContentType.URLENC).formParam("other", "x")
                .when().post(PATH).then(), 400, "validation_failed", PATH).body("errors[0].field", equalTo("token"));
        assertProblem(given().auth().oauth2(INTROSPECTOR).contentType(ContentType.JSON).body("{}")
                .when().post(PATH).then(), 400, "validation_failed", PATH);
    }

    @Test
    void theTokenIdIsNeverGuessable() throws SQLException {
        TestDatabase.StoredToken stored = database.insertToken("acme", "CURRENT", "alice", Instant.now(), null);
        assertTrue(UUID.fromString(introspect(stored.token()).extract().path("token_id")).version() == 4);
    }
}
