package com.cerby.scimtoken.common.security;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class AuthenticationTest {

    private static final String PATH = "/api/v1/workspaces/acme/scim-token";

    @Test
    void aMissingTokenIsAskedFor() {
        assertProblem(given().when().get(PATH).then(), 401, "unauthorized", PATH)
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void aNonBearerAuthorizationIsAskedForABearerToken() {
        assertProblem(given().header("Authorization", "Basic YWxpY2U6c2VjcmV0").when().get(PATH).then(),
                401, "unauthorized", PATH)
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));
    }

    static Stream<Arguments> invalidTokens() {
        return Stream.of(
                Arguments.of("expired", (Supplier<String>) () -> TestTokens.expired("alice", "acme", "owner")),
                Arguments.of("wrong issuer",
                        (Supplier<String>) () -> TestTokens.fromIssuer("https://evil.test", "alice", "acme", "owner")),
                Arguments.of("wrong audience",
                        (Supplier<String>) () -> TestTokens.forAudience("another-service", "alice", "acme", "owner")),
                Arguments.of("foreign key",
                        (Supplier<String>) () -> TestTokens.signedByForeignKey("alice", "acme", "owner")),
                Arguments.of("alg none", (Supplier<String>) () -> TestTokens.unsigned("alice", "acme", "owner")),
                Arguments.of("garbage", (Supplier<String>) () -> "not-a-jwt"),
                Arguments.of("tampered", (Supplier<String>) () -> tamper(TestTokens.jwt("alice", "acme", "user"))),
                Arguments.of("subject with @",
                        (Supplier<String>) () -> TestTokens.jwt("alice@example.com", "acme", "owner")),
                Arguments.of("subject over 64 characters",
                        (Supplier<String>) () -> TestTokens.jwt("a".repeat(65), "acme", "owner")),
                Arguments.of("no subject", (Supplier<String>) () -> TestTokens.jwtWith(
                        claims -> claims.remove("sub"), "alice", "acme", "owner")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void anInvalidTokenIsRefusedAsInvalidToken(String name, Supplier<String> token) {
        assertProblem(given().auth().oauth2(token.get()).when().get(PATH).then(), 401, "unauthorized", PATH)
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));
    }

    @Test
    void theValidTokenTheOthersAreBrokenFromIsAccepted() {
        given().auth().oauth2(TestTokens.jwt("alice", "acme", "owner")).when().get(PATH).then().statusCode(200);
    }

    @Test
    void aWorkspaceClaimThatIsNotAStringNamesNoWorkspace() {
        String numeric = TestTokens.jwtWith(claims -> claims.claim("workspace_id", 42), "alice", "42", "owner");
        assertProblem(given().auth().oauth2(numeric).when().get("/api/v1/workspaces/42/scim-token").then(), 403,
                "workspace_mismatch", "/api/v1/workspaces/42/scim-token");
        String missing = TestTokens.jwtWith(claims -> claims.remove("workspace_id"), "alice", "acme", "owner");
        assertProblem(given().auth().oauth2(missing).when().get(PATH).then(), 403, "workspace_mismatch", PATH);
    }

    @Test
    void claimsOfTheWrongTypeAreIgnoredOnUserRoutes() {
        String odd = TestTokens.jwtWith(claims -> claims.claim("workspace_id", 42).claim("email", 7)
                .remove("auth_time"), "alice", "acme", "owner");
        given().auth().oauth2(odd).when().get("/api/v1/me/devices").then().statusCode(200);
        assertProblem(new com.cerby.scimtoken.support.TestPhone().enroll(odd), 403, "login_too_old",
                "/api/v1/me/devices");
    }

    /** Swaps the payload for one that claims the owner role, keeping the original signature. */
    private static String tamper(String jwt) {
        String[] parts = jwt.split("\\.");
        String forged = TestTokens.unsigned("alice", "acme", "owner").split("\\.")[1];
        return parts[0] + "." + forged + "." + parts[2];
    }
}
