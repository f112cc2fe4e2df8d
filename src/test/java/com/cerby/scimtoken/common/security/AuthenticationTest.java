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
                Arguments.of("tampered", (Supplier<String>) () -> tamper(TestTokens.jwt("alice", "acme", "user"))));
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

    /** Swaps the payload for one that claims the owner role, keeping the original signature. */
    private static String tamper(String jwt) {
        String[] parts = jwt.split("\\.");
        String forged = TestTokens.unsigned("alice", "acme", "owner").split("\\.")[1];
        return parts[0] + "." + forged + "." + parts[2];
    }
}
