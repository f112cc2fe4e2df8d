package com.cerby.scimtoken.device;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class DeviceResourceTest extends DatabaseTest {

    private static final String DEVICES = "/api/v1/me/devices";
    private static final String ALICE = TestTokens.jwt("alice", "acme", "owner");



    @Test
    void aDeviceIsEnrolledListedAndRemoved() throws SQLException {
        TestPhone phone = new TestPhone();
        String id = given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(Map.of("name", "  Alice's phone ", "publicKey", phone.publicJwk(), "pushToken", "fcm-token-1"))
                .when().post(DEVICES)
                .then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/me/devices/[0-9a-f-]{36}"))
                .body("name", equalTo("Alice's phone"))
                .body("createdAt", notNullValue())
                .body("lastUsedAt", nullValue())
                .extract().path("id");
        assertEquals("fcm-token-1", database.queryValue("select push_token from device where id = ?", UUID.fromString(id)));

        given().auth().oauth2(ALICE).when().get(DEVICES).then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].publicKey", nullValue());

        String approval = Flows.approvedFactorChange(ALICE, "acme", phone.enrolledAs(id));
        given().auth().oauth2(ALICE).queryParam("verificationId", approval).when().delete(DEVICES + "/" + id).then()
                .statusCode(204);
        given().auth().oauth2(ALICE).when().get(DEVICES).then().statusCode(200).body("items", hasSize(0));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'device.enrolled'"
                + " and device_id = ? and actor_id = 'alice' and workspace_id = 'acme'", UUID.fromString(id)));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'device.removed'"
                + " and device_id = ?", UUID.fromString(id)));
    }

    @Test
    void anyAuthenticatedUserMayEnrollADevice() {
        new TestPhone().enroll(TestTokens.jwt("guest", "acme", "guest_user")).statusCode(201);
    }

    @Test
    void devicesNeedAuthentication() {
        assertProblem(given().when().get(DEVICES).then(), 401, "unauthorized", DEVICES);
        assertProblem(new TestPhone().enroll("garbage"), 401, "unauthorized", DEVICES);
    }

    @Test
    void usersSeeOnlyTheirOwnDevices() {
        TestPhone alicesPhone = TestPhone.enrolledFor(ALICE);
        String bob = TestTokens.jwt("bob", "acme", "owner");

        given().auth().oauth2(bob).when().get(DEVICES).then().statusCode(200).body("items", hasSize(0));
        String path = DEVICES + "/" + alicesPhone.deviceId();
        assertProblem(given().auth().oauth2(bob).when().delete(path).then(), 404, "device_not_found", path);
        given().auth().oauth2(ALICE).when().get(DEVICES).then().body("items", hasSize(1));
    }

    @Test
    void removingAnUnknownDeviceIsNotFound() {
        String path = DEVICES + "/" + UUID.randomUUID();
        assertProblem(given().auth().oauth2(ALICE).when().delete(path).then(), 404, "device_not_found", path);
    }

    @Test
    void aDeviceIdThatIsNotAUuidIsInvalid() {
        String path = DEVICES + "/not-a-uuid";
        assertProblem(given().auth().oauth2(ALICE).when().delete(path).then(), 400, "validation_failed", path)
                .body("errors[0].field", equalTo("deviceId"));
    }

    static Stream<Arguments> invalidKeys() {
        Map<String, Object> valid = new TestPhone().publicJwk();
        return Stream.of(
                Arguments.of("wrong curve", with(valid, "crv", "P-384")),
                Arguments.of("RSA key", with(valid, "kty", "RSA")),
                Arguments.of("private member d", with(valid, "d", valid.get("x"))),
                Arguments.of("point off the curve", with(valid, "y", valid.get("x"))),
                Arguments.of("missing y", without(valid, "y")),
                Arguments.of("short x", with(valid, "x", "AAAA")),
                Arguments.of("x not base64url", with(valid, "x", "!!!!" + valid.get("x"))),
                Arguments.of("x not a string", with(valid, "x", 42)),
                Arguments.of("coordinate beyond the field",
                        with(valid, "x", "__________________________________________8")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidKeys")
    void anInvalidPublicKeyIsRefused(String name, Map<String, Object> key) {
        assertProblem(given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(Map.of("name", "phone", "publicKey", key)).when().post(DEVICES).then(),
                400, "invalid_public_key", DEVICES);
        given().auth().oauth2(ALICE).when().get(DEVICES).then().body("items", hasSize(0));
    }

    @Test
    void aMissingNameOrKeyIsAValidationFailure() {
        assertProblem(given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(Map.of("name", " "))
                .when().post(DEVICES).then(), 400, "validation_failed", DEVICES)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("name", "publicKey"));
    }

    @Test
    void aUserMayEnrollTwentyDevicesButNotMore() throws SQLException {
        TestAuthenticator authenticator = TestAuthenticator.confirmedFor(ALICE, clock);
        for (int i = 0; i < 20; i++) {
            new TestPhone().enroll(ALICE, authenticator.approved(ALICE, "acme", "manage_factors")).statusCode(201);
        }
        String approval = authenticator.approved(ALICE, "acme", "manage_factors");
        assertProblem(new TestPhone().enroll(ALICE, approval), 409, "too_many_devices", DEVICES);
        assertEquals(null, database.queryValue("select used_at from verification where id = ?",
                UUID.fromString(approval)), "a refused enrollment leaves its verification unspent");
        assertEquals(20L, database.queryValue("select count(*) from device where user_id = 'alice'"));
        String bobJustSignedIn = TestTokens.jwtWith(claims -> claims.claim("auth_time", clock.instant().getEpochSecond()),
                "bob", "acme", "owner");
        new TestPhone().enroll(bobJustSignedIn).statusCode(201);
    }

    private static Map<String, Object> with(Map<String, Object> jwk, String member, Object value) {
        Map<String, Object> changed = new HashMap<>(jwk);
        changed.put(member, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> jwk, String member) {
        Map<String, Object> changed = new HashMap<>(jwk);
        changed.remove(member);
        return changed;
    }
}
