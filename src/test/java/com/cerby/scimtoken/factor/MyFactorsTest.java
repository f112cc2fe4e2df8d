package com.cerby.scimtoken.factor;

import static com.cerby.scimtoken.support.Flows.approvedFactorChange;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestPasskey;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/me/factors}: every kind of the caller's factors in one answer, and only the caller's. */
@QuarkusTest
class MyFactorsTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");

    private static ValidatableResponse factors(String jwt) {
        return given().auth().oauth2(jwt).when().get("/api/v1/me/factors").then().statusCode(200)
                .contentType(ContentType.JSON);
    }

    @Test
    void aNewUserHasNothing() {
        factors(ALICE).body("devices", hasSize(0)).body("totp", nullValue()).body("passkeys", hasSize(0))
                .body("recoveryCodes", nullValue());
    }

    @Test
    void eachKindShowsWhatTheUserHas() {
        TestPhone phone = TestPhone.enrolledFor(ALICE);
        factors(ALICE).body("devices", hasSize(1)).body("devices[0].id", equalTo(phone.deviceId()))
                .body("devices[0].name", equalTo("Test phone")).body("devices[0].createdAt", notNullValue())
                .body("devices[0].lastUsedAt", nullValue()).body("totp", nullValue()).body("passkeys", hasSize(0))
                .body("recoveryCodes", nullValue());

        // An authenticator whose enrollment is not confirmed yet is no factor.
        String secret = given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(Map.of("verificationId", approvedFactorChange(ALICE, WORKSPACE, phone)))
                .when().post("/api/v1/me/totp").then().statusCode(201).extract().path("secret");
        factors(ALICE).body("totp", nullValue()).body("devices[0].lastUsedAt", notNullValue());
        TestAuthenticator.send(ALICE, "/api/v1/me/totp/confirm", TestAuthenticator.withSecret(secret, clock).code())
                .statusCode(200);
        factors(ALICE).body("totp.confirmedAt", notNullValue());

        TestPasskey passkey = TestPasskey.registeredFor(ALICE, approvedFactorChange(ALICE, WORKSPACE, phone));
        factors(ALICE).body("passkeys", hasSize(1)).body("passkeys[0].id", equalTo(passkey.id()))
                .body("passkeys[0].name", equalTo("Laptop passkey")).body("passkeys[0].lastUsedAt", nullValue());

        String createdAt = given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(Map.of("verificationId", approvedFactorChange(ALICE, WORKSPACE, phone)))
                .when().post("/api/v1/me/recovery-codes").then().statusCode(201).extract().path("createdAt");
        factors(ALICE).body("recoveryCodes.remaining", equalTo(10)).body("recoveryCodes.createdAt", equalTo(createdAt))
                .body("recoveryCodes.codes", nullValue());

        factors(TestTokens.jwt("bob", WORKSPACE, "user")).body("devices", hasSize(0)).body("totp", nullValue())
                .body("passkeys", hasSize(0)).body("recoveryCodes", nullValue());
    }
}
