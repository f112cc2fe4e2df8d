package com.cerby.scimtoken.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void readinessIncludesTheDatabase() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsArePrometheusText() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().accept("text/plain").when().get(metrics).then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE http_server_requests_seconds"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void theServiceCountsVerificationsTokenOperationsAndIntrospections() {
        String owner = TestTokens.jwt("metrics-owner", "metrics-ws", "owner");
        TestPhone phone = TestPhone.enrolledFor(owner);
        String token = Flows.approvedReveal(owner, "metrics-ws", phone).statusCode(200).extract().path("token");
        Flows.introspect(token).statusCode(200);
        Flows.introspect("scim_unknown").statusCode(200);
        Flows.rotate(owner, "metrics-ws", Flows.approved(owner, "metrics-ws", phone, "rotate"), null).statusCode(200);
        Flows.revoke(owner, "metrics-ws", Flows.approved(owner, "metrics-ws", phone, "revoke")).statusCode(204);

        given().accept("text/plain").when().get(metrics).then()
                .statusCode(200)
                .body(containsString("scim_token_verifications_started_total{method=\"push\""))
                .body(containsString("scim_token_verifications_decided_total{method=\"push\",outcome=\"approved\""))
                .body(containsString("scim_token_reveals_total"))
                .body(containsString("scim_token_rotations_total"))
                .body(containsString("scim_token_revocations_total"))
                .body(containsString("scim_token_introspections_total{active=\"true\""))
                .body(containsString("scim_token_introspections_total{active=\"false\""))
                .body(containsString("http_server_requests_seconds_bucket"));
    }

    @Test
    void metricsAreNotOnTheApiPort() {
        given().when().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void theOpenApiDocumentIsServed() {
        given().accept("application/json").when().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }
}
