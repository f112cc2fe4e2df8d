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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind trusted proxies (here: the test client's own address and a private range), the client's address is the
 * right-most X-Forwarded-For entry that is not a trusted proxy: what the client wrote further left is ignored.
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindProxies.class)
class TrustedProxyTest {

    public static class BehindProxies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scim-token.trusted-proxies", "127.0.0.1,10.0.0.0/8");
        }
    }

    private static final String ALICE = TestTokens.jwt("alice", "acme", "owner");

    @Inject
    TestDatabase database;

    @BeforeEach
    void enrollAlicesPhone() throws Exception {
        database.deleteAll();
        TestPhone.enrolledFor(ALICE);
    }

    private static String recordedAddress(String forwardedFor) {
        given().auth().oauth2(ALICE).header("X-Forwarded-For", forwardedFor).contentType("application/json")
                .body("{}").when().post(Flows.verificationsPath("acme")).then().statusCode(201);
        return given().auth().oauth2(ALICE).when().get("/api/v1/me/verifications").then().statusCode(200)
                .extract().path("items[-1].requester.ipAddress");
    }

    @Test
    void theRightMostAddressThatIsNotATrustedProxyIsTheClient() {
        given().auth().oauth2(ALICE).header("X-Forwarded-For", "203.0.113.9, 10.0.0.1").contentType("application/json")
                .body("{}").when().post(Flows.verificationsPath("acme")).then().statusCode(201);

        given().auth().oauth2(ALICE).when().get("/api/v1/workspaces/acme/audit-events?type=verification.started")
                .then().statusCode(200).body("items[0].ipAddress", equalTo("203.0.113.9"));
    }

    @Test
    void aClientCannotChooseTheAddressThePhoneShows() {
        org.junit.jupiter.api.Assertions.assertEquals("203.0.113.9",
                recordedAddress("198.51.100.66, 203.0.113.9, 10.0.0.7"));
    }

    @Test
    void anEntryThatIsNotAnAddressEndsTheChain() {
        org.junit.jupiter.api.Assertions.assertEquals("10.0.0.7", recordedAddress("evil.example, 10.0.0.7"));
    }
}
