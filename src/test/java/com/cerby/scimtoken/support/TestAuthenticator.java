package com.cerby.scimtoken.support;

import static io.restassured.RestAssured.given;

import com.cerby.scimtoken.totp.TimeBasedOtp;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.commons.codec.binary.Base32;

/** Plays an authenticator app: holds the seed from enrollment and computes the codes of the service's clock. */
public final class TestAuthenticator {

    private static final TimeBasedOtp OTP = new TimeBasedOtp(TimeBasedOtp.Algorithm.SHA1, 6, Duration.ofSeconds(30));

    private final String secret;
    private final MutableClock clock;

    private TestAuthenticator(String secret, MutableClock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    public static ValidatableResponse enroll(String jwt) {
        return given().auth().oauth2(jwt).when().post("/api/v1/me/totp").then();
    }

    /** Removes the user's authenticator, naming the manage_factors verification that allows it (or none). */
    public static ValidatableResponse remove(String jwt, String verificationId) {
        Map<String, String> body = verificationId == null ? Map.of() : Map.of("verificationId", verificationId);
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/me/totp/remove").then();
    }

    /** Enrolls and confirms an authenticator for the user of the JWT, then moves the clock to the next step. */
    public static TestAuthenticator confirmedFor(String jwt, MutableClock clock) {
        TestAuthenticator authenticator = new TestAuthenticator(enroll(jwt).statusCode(201).extract().path("secret"),
                clock);
        send(jwt, "/api/v1/me/totp/confirm", authenticator.code()).statusCode(200);
        clock.advance(Duration.ofSeconds(30));
        return authenticator;
    }

    public static TestAuthenticator withSecret(String secret, MutableClock clock) {
        return new TestAuthenticator(secret, clock);
    }

    /**
     * A TOTP verification for the action, approved with the current code; the clock then moves to the next step,
     * so that the next code is fresh. Answers the verification's id.
     */
    public String approved(String jwt, String workspaceId, String action) {
        String id = Flows.start(jwt, workspaceId, Map.of("method", "totp", "action", action)).statusCode(201)
                .extract().path("id");
        send(jwt, Flows.verificationsPath(workspaceId) + "/" + id + "/code", code()).statusCode(200);
        clock.advance(Duration.ofSeconds(30));
        return id;
    }

    /** The code of the current time step. */
    public String code() {
        return codeAt(Duration.ZERO);
    }

    /** The code of the step that is the given time away from now. */
    public String codeAt(Duration fromNow) {
        return OTP.generate(new Base32().decode(secret), OTP.stepAt(clock.instant().plus(fromNow)));
    }

    /** A six-digit code that is not the current one, nor one of its neighbours. */
    public String wrongCode() {
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!code.equals(code()) && !code.equals(codeAt(Duration.ofSeconds(30)))
                    && !code.equals(codeAt(Duration.ofSeconds(-30)))) {
                return code;
            }
        }
    }

    public static ValidatableResponse send(String jwt, String path, String code) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post(path).then();
    }
}
