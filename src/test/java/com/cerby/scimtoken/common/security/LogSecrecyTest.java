package com.cerby.scimtoken.common.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.CapturedLog;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestDatabase;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LogSecrecyTest extends DatabaseTest {

    @Test
    void neitherJwtsNorScimTokensReachTheLog() throws Exception {
        Logger service = Logger.getLogger("com.cerby.scimtoken");
        Level before = service.getLevel();
        service.setLevel(Level.ALL);
        TestDatabase.StoredToken stored = database.insertToken("acme", "CURRENT", "alice", Instant.now(), null);
        List<String> jwts = List.of(TestTokens.jwt("alice", "acme", "owner"),
                TestTokens.expired("alice", "acme", "owner"),
                TestTokens.signedByForeignKey("alice", "acme", "owner"),
                TestTokens.jwt("bob", "acme", "user"),
                TestTokens.jwt("carol", "other", "owner"));
        try (CapturedLog log = CapturedLog.open()) {
            for (String jwt : jwts) {
                given().auth().oauth2(jwt).get("/api/v1/workspaces/acme/scim-token");
            }
            given().auth().oauth2(jwts.get(0)).get("/api/v1/workspaces/b@d/scim-token");

            assertTrue(log.lines().stream().anyMatch(line -> line.contains("Answered")),
                    "the capture must see the service's own debug lines");
            for (String line : log.lines()) {
                for (String jwt : jwts) {
                    assertFalse(line.contains(jwt.substring(jwt.lastIndexOf('.') + 1)), "a JWT signature was logged");
                    assertFalse(line.contains(jwt.substring(0, jwt.lastIndexOf('.'))), "a JWT was logged");
                }
                assertFalse(line.contains(stored.token()), "a SCIM token was logged");
            }
        } finally {
            service.setLevel(before);
        }
    }
}
