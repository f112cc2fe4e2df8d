package com.cerby.scimtoken.scimtoken;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestDatabase;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ScimTokenMetadataTest extends DatabaseTest {

    private static final String WORKSPACE = "acme-1";
    private static final String PATH = "/api/v1/workspaces/" + WORKSPACE + "/scim-token";



    private static ValidatableResponse getAs(String jwt, String path) {
        return given().auth().oauth2(jwt).when().get(path).then();
    }

    @ParameterizedTest
    @ValueSource(strings = { "owner", "super_admin", "admin" })
    void managersSeeThatNoTokenExistsYet(String role) {
        getAs(TestTokens.jwt("alice", WORKSPACE, role), PATH)
                .statusCode(200)
                .contentType("application/json")
                .body("exists", equalTo(false))
                .body("tokenId", nullValue())
                .body("hint", nullValue())
                .body("previous", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "user", "login_only", "guest_user", "token_introspector", "Owner", "" })
    void otherRolesAreRefused(String role) {
        assertProblem(getAs(TestTokens.jwt("bob", WORKSPACE, role), PATH), 403, "role_not_allowed", PATH);
    }

    @Test
    void aTokenWithoutRolesIsRefused() {
        assertProblem(getAs(TestTokens.jwt("bob", WORKSPACE), PATH), 403, "role_not_allowed", PATH);
    }

    @Test
    void anOwnerOfAnotherWorkspaceIsRefused() {
        assertProblem(getAs(TestTokens.jwt("mallory", "other-ws", "owner"), PATH), 403, "workspace_mismatch", PATH);
    }

    @ParameterizedTest
    @ValueSource(strings = { "b@d", "white%20space", "dollar$",
            "x23456789012345678901234567890123456789012345678901234567890123465" })
    void malformedWorkspaceIdsAreRejected(String workspaceId) {
        String path = "/api/v1/workspaces/" + workspaceId + "/scim-token";
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.jwt("alice", workspaceId, "owner"))
                .when().get(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("errors[0].field", equalTo("workspaceId"))
                .body("errors.size()", equalTo(1));
    }

    @Test
    void anExistingTokenIsDescribedWithoutTheSecret() throws SQLException {
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestDatabase.StoredToken stored = database.insertToken(WORKSPACE, "CURRENT", "alice", createdAt, null);

        String body = getAs(TestTokens.jwt("carol", WORKSPACE, "admin"), PATH)
                .statusCode(200)
                .body("exists", equalTo(true))
                .body("tokenId", equalTo(stored.id().toString()))
                .body("hint", equalTo("scim_…" + stored.token().substring(stored.token().length() - 4)))
                .body("createdAt", equalTo(createdAt.toString()))
                .body("createdBy", equalTo("alice"))
                .body("lastUsedAt", nullValue())
                .body("expiresAt", nullValue())
                .body("previous", nullValue())
                .extract().asString();
        assertEquals(-1, body.indexOf(stored.token().substring(5, 30)), "the token must not be in the metadata");
    }

    @Test
    void aTokenInItsGracePeriodIsShownAsPrevious() throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestDatabase.StoredToken previous = database.insertToken(WORKSPACE, "PREVIOUS", "alice",
                now.minus(Duration.ofDays(3)), now.plus(Duration.ofHours(1)));
        database.insertToken(WORKSPACE, "CURRENT", "alice", now, null);

        getAs(TestTokens.jwt("alice", WORKSPACE, "owner"), PATH)
                .statusCode(200)
                .body("previous.tokenId", equalTo(previous.id().toString()))
                .body("previous.expiresAt", equalTo(now.plus(Duration.ofHours(1)).toString()));
    }

    @Test
    void revokedAndExpiredTokensDoNotExist() throws SQLException {
        Instant now = Instant.now();
        database.insertToken(WORKSPACE, "REVOKED", "alice", now.minus(Duration.ofDays(2)), null);
        database.insertToken(WORKSPACE, "CURRENT", "alice", now.minus(Duration.ofDays(1)), now.minusSeconds(1));

        getAs(TestTokens.jwt("alice", WORKSPACE, "owner"), PATH).statusCode(200).body("exists", equalTo(false));
    }

    @Test
    void anotherWorkspacesTokenIsNotShown() throws SQLException {
        database.insertToken("other-ws", "CURRENT", "zed", Instant.now(), null);

        getAs(TestTokens.jwt("alice", WORKSPACE, "owner"), PATH).statusCode(200).body("exists", equalTo(false));
    }

    @Test
    void theDatabaseAllowsOneCurrentAndOnePreviousTokenPerWorkspace() throws SQLException {
        Instant now = Instant.now();
        database.insertToken(WORKSPACE, "CURRENT", "alice", now, null);
        database.insertToken(WORKSPACE, "PREVIOUS", "alice", now, now.plusSeconds(60));
        database.insertToken(WORKSPACE, "REVOKED", "alice", now, null);
        database.insertToken(WORKSPACE, "REVOKED", "alice", now, null);
        database.insertToken("other-ws", "CURRENT", "zed", now, null);

        SQLException secondCurrent = assertThrows(SQLException.class,
                () -> database.insertToken(WORKSPACE, "CURRENT", "bob", now, null));
        assertEquals("23505", secondCurrent.getSQLState());
        SQLException secondPrevious = assertThrows(SQLException.class,
                () -> database.insertToken(WORKSPACE, "PREVIOUS", "bob", now, now.plusSeconds(60)));
        assertEquals("23505", secondPrevious.getSQLState());
    }
}
