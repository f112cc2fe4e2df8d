package com.cerby.scimtoken.common.web;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON is taken as openapi.yaml writes it: no scalar stands in for another type, enums only in lower case. */
@QuarkusTest
class StrictJsonTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String VERIFICATIONS = Flows.verificationsPath(WORKSPACE);
    private static final String ROTATE = "/api/v1/workspaces/acme/scim-token/rotate";
    private static final String REVEAL = "/api/v1/workspaces/acme/scim-token/reveal";
    private static final String SOME_ID = "82465604-ec8d-4b36-b7bc-e349e1a56b24";

    @Test
    void aNumericCodeIsRefusedBeforeAnAttemptIsSpent() {
        TestAuthenticator.confirmedFor(OWNER, clock);
        String id = Flows.start(OWNER, WORKSPACE, Map.of("method", "totp")).statusCode(201).extract().path("id");
        String codePath = VERIFICATIONS + "/" + id + "/code";

        assertInvalidField(post(codePath, "{\"code\": 123456}"), codePath, "code");

        Flows.poll(OWNER, WORKSPACE, id).statusCode(200)
                .body("status", equalTo("pending"))
                .body("attemptsRemaining", equalTo(5));
    }

    @Test
    void anEnumValueIsAcceptedOnlyInLowerCase() {
        assertInvalidField(post(VERIFICATIONS, "{\"method\": \"PUSH\"}"), VERIFICATIONS, "method")
                .body("errors[0].message", equalTo("must be one of push, email, totp, passkey, recovery_code"));
        assertInvalidField(post(VERIFICATIONS, "{\"action\": \"Manage_Factors\"}"), VERIFICATIONS, "action");
        assertProblem(post(VERIFICATIONS, "{\"method\": \"push\", \"action\": \"manage_factors\"}"), 409,
                "method_not_enrolled", VERIFICATIONS);
    }

    @Test
    void anEnumValueIsNotItsIndex() {
        assertInvalidField(post(VERIFICATIONS, "{\"method\": 0}"), VERIFICATIONS, "method");
    }

    @Test
    void aFractionOrAQuotedNumberIsNotAnInteger() {
        assertInvalidField(post(ROTATE, "{\"verificationId\": \"" + SOME_ID + "\", \"gracePeriodSeconds\": 1.5}"),
                ROTATE, "gracePeriodSeconds");
        assertInvalidField(post(ROTATE, "{\"verificationId\": \"" + SOME_ID + "\", \"gracePeriodSeconds\": \"3600\"}"),
                ROTATE, "gracePeriodSeconds");
    }

    @Test
    void aNumberOrABooleanIsNotAString() {
        assertInvalidField(post(REVEAL, "{\"verificationId\": 82465604}"), REVEAL, "verificationId");
        assertInvalidField(post(REVEAL, "{\"verificationId\": true}"), REVEAL, "verificationId");
    }

    private static ValidatableResponse post(String path, String json) {
        return given().auth().oauth2(OWNER).contentType(ContentType.JSON).body(json).when().post(path).then();
    }

    private static ValidatableResponse assertInvalidField(ValidatableResponse response, String path, String field) {
        return assertProblem(response, 400, "validation_failed", path).body("errors[0].field", equalTo(field));
    }
}
