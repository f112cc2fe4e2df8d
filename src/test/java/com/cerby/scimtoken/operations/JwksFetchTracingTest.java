package com.cerby.scimtoken.operations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Eventually;
import com.cerby.scimtoken.support.JwksIssuer;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

/**
 * The identity provider's JWKS, fetched by SmallRye JWT when a request names a key it does not know, is an outbound
 * call like the others: a CLIENT span in the trace of the request that needed it, with the URL and the answer's status.
 */
@QuarkusTest
@TestProfile(JwksFetchTracingTest.ExportingWithJwks.class)
class JwksFetchTracingTest extends DatabaseTest {

    public static class ExportingWithJwks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.algorithm", "RS256,ES256");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OtlpReceiver.class), new TestResourceEntry(JwksIssuer.class));
        }
    }

    JwksIssuer issuer;

    private boolean isKeyFetch(OtlpReceiver.Span span, String traceId) {
        return span.traceId().equals(traceId) && span.kind() == 3
                && issuer.url().equals(span.attributes().get("url.full"));
    }

    @Test
    void aKeyFetchIsAClientSpanOfTheRequestThatNeededIt() throws Exception {
        PublicJsonWebKey rotatedIn = JwksIssuer.newKey(SignatureAlgorithm.ES256);
        issuer.publish(issuer.key(0), issuer.key(1), rotatedIn);
        int before = issuer.fetches();
        String traceId = HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(16));
        String jwt = JwksIssuer.sign(Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject("tessa")
                .claim("workspace_id", "acme").claim("email", "tessa@example.test").groups(Set.of("owner"))
                .claim("auth_time", Instant.now().getEpochSecond()).expiresIn(Duration.ofMinutes(10)), rotatedIn);

        given().auth().oauth2(jwt).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .when().get("/api/v1/workspaces/acme/scim-token").then().statusCode(200);
        assertEquals(before + 1, issuer.fetches(), "the unknown kid fetched the JWKS once");

        // The trace's other CLIENT spans are its SQL statements: the key fetch is the one naming the JWKS URL.
        Eventually.within(Duration.ofSeconds(15), "the key fetch's client span is exported",
                () -> OtlpReceiver.spans().stream().anyMatch(s -> isKeyFetch(s, traceId)));
        OtlpReceiver.Span fetch = OtlpReceiver.spans().stream().filter(s -> isKeyFetch(s, traceId)).findFirst()
                .orElseThrow();
        assertEquals("GET", fetch.name());
        assertEquals("GET", fetch.attributes().get("http.request.method"));
        assertEquals("200", fetch.attributes().get("http.response.status_code"));
        assertEquals("127.0.0.1", fetch.attributes().get("server.address"));
        Eventually.within(Duration.ofSeconds(15), "the request's server span is exported in the same trace",
                () -> OtlpReceiver.spans().stream().anyMatch(s -> s.traceId().equals(traceId) && s.kind() == 2));
        assertTrue(OtlpReceiver.spans().stream().noneMatch(s -> s.attributes().containsValue(jwt)),
                "no span holds the JWT");
    }
}
