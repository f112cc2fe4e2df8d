package com.cerby.scimtoken.passkey;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static com.cerby.scimtoken.support.TestPasskey.PASSKEYS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.cerby.scimtoken.factor.PendingEnrollmentSweeper;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPasskey;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Registering a passkey: creation options with a challenge that works once, webauthn4j's checks of what the
 * authenticator answered, and the factor rules (a first factor by the first-enrollment rule, any other with an
 * approved manage_factors verification).
 */
@QuarkusTest
class PasskeyRegistrationTest extends DatabaseTest {

    @Inject
    PendingEnrollmentSweeper sweeper;

    private static final String ALICE = TestTokens.jwt("alice", "acme", "owner");
    private static final String BOB = TestTokens.jwt("bob", "acme", "admin");

    private long count(String sql, Object... parameters) throws SQLException {
        return (Long) database.queryValue(sql, parameters);
    }

    @Test
    void creationOptionsAreWebAuthnJsonWithAFreshChallengeAndTheUsersPasskeysExcluded() {
        TestPasskey first = TestPasskey.registeredFor(ALICE);

        given().auth().oauth2(ALICE).when().post(PASSKEYS + "/options").then().statusCode(200)
                .body("rp.id", equalTo("localhost"))
                .body("rp.name", equalTo("SCIM token service"))
                .body("user.name", equalTo("alice"))
                .body("user.displayName", equalTo("alice@example.test"))
                .body("user.id", matchesPattern("^[A-Za-z0-9_-]{43}$"))
                .body("challenge", matchesPattern("^[A-Za-z0-9_-]{43}$"))
                .body("pubKeyCredParams.alg", equalTo(List.of(-7, -8, -257)))
                .body("timeout", equalTo(600000))
                .body("excludeCredentials", hasSize(1))
                .body("excludeCredentials[0].id", equalTo(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(first.credentialId())))
                .body("excludeCredentials[0].transports", equalTo(List.of("internal")))
                .body("authenticatorSelection.userVerification", equalTo("required"))
                .body("authenticatorSelection.residentKey", equalTo("preferred"))
                .body("attestation", equalTo("none"));
        assertNotEquals(TestPasskey.options(ALICE).get("challenge"), TestPasskey.options(ALICE).get("challenge"));
    }

    @Test
    void aFirstPasskeyIsRegisteredListedAndAudited() throws SQLException {
        TestPasskey passkey = new TestPasskey();

        String id = passkey.register(ALICE, null).statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/me/passkeys/[0-9a-f-]{36}$"))
                .body("name", equalTo("Laptop passkey"))
                .body("createdAt", notNullValue())
                .body("lastUsedAt", nullValue())
                .extract().path("id");

        given().auth().oauth2(ALICE).get(PASSKEYS).then().statusCode(200)
                .body("items.id", equalTo(List.of(id)))
                .body("items[0].name", equalTo("Laptop passkey"));
        given().auth().oauth2(BOB).get(PASSKEYS).then().statusCode(200).body("items", hasSize(0));
        assertEquals(1L, count("select count(*) from passkey where user_id = 'alice' and credential_id = ?",
                passkey.credentialId()));
        assertEquals(1L, count("select count(*) from audit_event where type = 'passkey.registered'"
                + " and actor_id = 'alice' and details->>'factorId' = ?", id));
        assertEquals(0L, count("select count(*) from passkey_challenge"), "the challenge was spent");
    }

    @Test
    void aSecondPasskeyNeedsAVerificationWithTheFirst() throws SQLException {
        TestPasskey first = TestPasskey.registeredFor(ALICE);

        assertProblem(new TestPasskey().register(ALICE, null), 403, "step_up_required", PASSKEYS);

        String approval = first.approved(ALICE, "acme", "manage_factors");
        new TestPasskey().register(ALICE, approval).statusCode(201);
        assertEquals(2L, count("select count(*) from passkey where user_id = 'alice'"));
        assertProblem(new TestPasskey().register(ALICE, approval), 409, "verification_already_used", PASSKEYS);
    }

    @Test
    void aStolenSessionCannotAddAPasskeyNextToAPhone() throws SQLException {
        TestPhone.enrolledFor(ALICE);

        assertProblem(new TestPasskey().register(ALICE, null), 403, "step_up_required", PASSKEYS);

        assertEquals(0L, count("select count(*) from passkey"));
        assertEquals(1L, count("select count(*) from audit_event where type = 'factor.change_refused'"
                + " and details->>'change' = 'register_passkey'"));
    }

    @Test
    void everyCheckOfTheAuthenticatorsAnswerRefusesTheRegistration() throws SQLException {
        List<Executable> refusals = List.of(
                () -> refused(new TestPasskey().onOrigin("https://login.example-phish.test"), "origin"),
                () -> refused(new TestPasskey().forRpId("example-phish.test"), "relying party id"),
                () -> refused(new TestPasskey().withoutUserVerification(), "verify the user"),
                () -> refused(new TestPasskey().withoutUserPresence(), "did not see the user"));
        assertAll(refusals);

        TestPasskey forged = new TestPasskey();
        assertProblem(TestPasskey.send(ALICE, forged.createWithPackedAttestation(TestPasskey.options(ALICE), true),
                null), 400, "invalid_credential", PASSKEYS);
        assertEquals(0L, count("select count(*) from passkey"));

        TestPasskey attested = new TestPasskey();
        TestPasskey.send(ALICE, attested.createWithPackedAttestation(TestPasskey.options(ALICE), false), null)
                .statusCode(201);
    }

    private static void refused(TestPasskey passkey, String reason) {
        assertProblem(passkey.register(ALICE, null), 400, "invalid_credential", PASSKEYS)
                .body("detail", containsString(reason));
    }

    @Test
    void aChallengeWorksOnceForItsUserWithinThePendingTtl() throws SQLException {
        Map<String, Object> options = TestPasskey.options(ALICE);
        TestPasskey passkey = new TestPasskey();
        Map<String, Object> credential = passkey.create(options);

        assertProblem(TestPasskey.send(BOB, credential, null), 400, "invalid_credential", PASSKEYS)
                .body("detail", containsString("no current registration challenge"));
        TestPasskey.send(ALICE, credential, null).statusCode(201);
        String approval = passkey.approved(ALICE, "acme", "manage_factors");
        assertProblem(TestPasskey.send(ALICE, new TestPasskey().create(options), approval), 400,
                "invalid_credential", PASSKEYS).body("detail", containsString("no current registration challenge"));

        Map<String, Object> later = TestPasskey.options(ALICE);
        clock.advance(Duration.ofMinutes(10));
        assertProblem(TestPasskey.send(ALICE, new TestPasskey().create(later), approval), 409, "enrollment_expired",
                PASSKEYS);
        TestPasskey.options(ALICE);
        TestPasskey.options(BOB);
        clock.advance(Duration.ofMinutes(10));
        assertEquals(2, sweeper.sweep());
        assertEquals(0L, count("select count(*) from passkey_challenge"));

        Map<String, Object> unknown = new HashMap<>(TestPasskey.options(ALICE));
        unknown.put("challenge", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertProblem(TestPasskey.send(ALICE, new TestPasskey().create(unknown), approval), 400,
                "invalid_credential", PASSKEYS);
        assertEquals(1L, count("select count(*) from passkey"));
    }

    @Test
    void aPasskeyIsRegisteredOnce() {
        TestPasskey passkey = TestPasskey.registeredFor(ALICE);
        String approval = passkey.approved(ALICE, "acme", "manage_factors");

        assertProblem(passkey.register(ALICE, approval), 400, "invalid_credential", PASSKEYS)
                .body("detail", equalTo("This passkey is already registered."));
    }

    @Test
    void malformedCredentialsAreClearProblemsNeverFailures() throws SQLException {
        List<Map<String, Object>> malformed = List.of(
                Map.of(),
                Map.of("id", "x", "type", "public-key"),
                Map.of("id", "AAAA", "rawId", "AAAA", "type", "public-key", "response", Map.of()),
                Map.of("id", "AAAA", "rawId", "AAAA", "type", "public-key",
                        "response", Map.of("clientDataJSON", "%%%", "attestationObject", "AAAA")),
                Map.of("id", "AAAA", "rawId", "AAAA", "type", "public-key",
                        "response", Map.of("clientDataJSON", "e30", "attestationObject", "oA")),
                Map.of("id", 7, "rawId", List.of(1, 2), "type", "public-key", "response", "nope"));
        assertAll(malformed.stream().map(credential -> (Executable) () ->
                assertProblem(TestPasskey.send(ALICE, credential, null), 400, "invalid_credential", PASSKEYS)));

        assertProblem(given().auth().oauth2(ALICE).contentType("application/json")
                .body(Map.of("credential", Map.of())).when().post(PASSKEYS).then(), 400, "validation_failed",
                PASSKEYS).body("errors[0].field", equalTo("name"));
        assertProblem(given().auth().oauth2(ALICE).contentType("application/json")
                .body(Map.of("name", "Key", "credential", "text")).when().post(PASSKEYS).then(), 400,
                "validation_failed", PASSKEYS).body("errors[0].field", equalTo("credential"));
        assertEquals(0L, count("select count(*) from passkey"));
    }

    @Test
    void removingAPasskeyTakesAVerificationAndNeverReachesAnotherUsersPasskey() throws SQLException {
        TestPasskey passkey = TestPasskey.registeredFor(ALICE);
        String path = PASSKEYS + "/" + passkey.id();

        assertProblem(given().auth().oauth2(ALICE).delete(path).then(), 403, "step_up_required", path);
        assertProblem(given().auth().oauth2(BOB).delete(path).then(), 404, "passkey_not_found", path);
        String unknown = PASSKEYS + "/" + UUID.randomUUID();
        assertProblem(given().auth().oauth2(ALICE).delete(unknown).then(), 404, "passkey_not_found", unknown);

        String approval = passkey.approved(ALICE, "acme", "manage_factors");
        given().auth().oauth2(ALICE).queryParam("verificationId", approval).delete(path).then().statusCode(204);
        assertEquals(0L, count("select count(*) from passkey"));
        assertEquals(1L, count("select count(*) from audit_event where type = 'passkey.removed'"
                + " and details->>'factorId' = ?", passkey.id()));
    }

    @Test
    void aUserHasAtMostTwentyPasskeys() throws SQLException {
        TestPasskey first = TestPasskey.registeredFor(ALICE);
        for (int i = 0; i < 19; i++) {
            database.execute("insert into passkey (id, user_id, name, credential_id, attested_credential_data,"
                    + " sign_count, backup_eligible, backup_state, created_at) values (gen_random_uuid(), 'alice',"
                    + " 'key', gen_random_uuid()::text::bytea, '\\x00', 0, false, false, now())");
        }
        String approval = first.approved(ALICE, "acme", "manage_factors");

        ValidatableResponse answer = new TestPasskey().register(ALICE, approval);

        assertProblem(answer, 409, "too_many_passkeys", PASSKEYS);
        assertEquals(20L, count("select count(*) from passkey where user_id = 'alice'"));
    }
}
