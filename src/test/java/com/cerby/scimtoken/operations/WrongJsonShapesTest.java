package com.cerby.scimtoken.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A JSON body of the wrong shape (a literal {@code null}, an array, a string, a number, a boolean where an object
 * belongs) is a 400 problem on every route that takes JSON, never a 500 and never read as "no body". Leak reports
 * are checked apart (LeakReportTest): their signature is verified over the raw bytes before the JSON is read.
 */
@QuarkusTest
class WrongJsonShapesTest {

    private static final String INTROSPECTION = "/api/v1/scim-tokens/introspect";
    private static final String LEAK_REPORTS = "/api/v1/scim-tokens/leak-reports";
    private static final List<String> WRONG_SHAPES = List.of("null", "[]", "[{}]", "\"text\"", "42", "true");

    private final OpenApiDocument document = OpenApiDocument.read();

    @Test
    void everyJsonRouteRefusesABodyOfTheWrongShapeWithAProblem() {
        List<Executable> cases = new ArrayList<>();
        for (OpenApiDocument.Operation operation : document.operations()) {
            boolean takesJson = document.resolve(operation.definition().path("requestBody")).path("content")
                    .has("application/json");
            if (!takesJson || operation.template().equals(LEAK_REPORTS)) {
                continue;
            }
            String jwt = operation.template().equals(INTROSPECTION)
                    ? TestTokens.jwt("scim-server", "system", "token_introspector")
                    : TestTokens.jwt("olivia", OpenApiDocument.WORKSPACE, "owner");
            for (String body : WRONG_SHAPES) {
                cases.add(() -> {
                    try {
                        given().auth().oauth2(jwt).contentType("application/json").body(body)
                                .when().request(operation.method(), operation.samplePath()).then()
                                .statusCode(is(400))
                                .contentType("application/problem+json")
                                .body("code", oneOf("malformed_json", "validation_failed"))
                                .body("instance", equalTo(operation.samplePath()));
                    } catch (AssertionError refused) {
                        throw new AssertionError(operation.method() + " " + operation.samplePath() + " with " + body
                                + ": " + refused.getMessage(), refused);
                    }
                });
            }
        }
        assertTrue(cases.size() >= 60, "only " + cases.size() + " cases: too few JSON routes found");
        assertAll(cases);
    }
}
