package com.cerby.scimtoken.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestDatabase;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a proxy that sets X-Forwarded-For, the audit log records the client's address from it. */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindProxy.class)
class TrustedProxyTest {

    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scim-token.trust-forwarded-headers", "true");
        }
    }

    @Inject
    TestDatabase database;

    @Test
    void theFirstForwardedAddressIsRecorded() throws Exception {
        database.deleteAll();
        String alice = TestTokens.jwt("alice", "acme", "owner");
        TestPhone.enrolledFor(alice);

        given().auth().oauth2(alice).header("X-Forwarded-For", "203.0.113.9, 10.0.0.1").contentType("application/json")
                .body("{}").when().post(Flows.verificationsPath("acme")).then().statusCode(201);

        given().auth().oauth2(alice).when().get("/api/v1/workspaces/acme/audit-events?type=verification.started")
                .then().statusCode(200).body("items[0].ipAddress", equalTo("203.0.113.9"));
    }
}
