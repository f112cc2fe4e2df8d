package com.cerby.scimtoken.operations;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.web.ResourceRoutes;
import com.cerby.scimtoken.support.TestTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** openapi.yaml at the project root is the contract: the service serves it, and serves exactly what it names. */
@QuarkusTest
class OpenApiContractTest {

    private static final List<String> PROBED_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final String OWNER = TestTokens.jwt("olivia", OpenApiDocument.WORKSPACE, "owner");

    private final OpenApiDocument document = OpenApiDocument.read();

    @Inject
    ResourceRoutes routes;

    @Test
    void theDocumentedOperationsAreTheServedOperations() {
        Map<String, SortedSet<String>> served = new TreeMap<>(routes.methodsByTemplate());
        served.keySet().removeIf(template -> !template.startsWith("/api/") && !template.startsWith("/oauth2/")
                && !template.startsWith("/.well-known/"));

        assertEquals(documentedMethodsByTemplate(), served);
    }

    @Test
    void everyProblemCodeOfTheApiIsDocumented() {
        SortedSet<String> documented = new TreeSet<>();
        document.root().at("/components/schemas/Problem/properties/code/enum")
                .forEach(code -> documented.add(code.asText()));
        SortedSet<String> answered = Arrays.stream(ProblemType.values())
                .filter(type -> type != ProblemType.LOOPBACK_ONLY)
                .map(ProblemType::code).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(answered, documented, "loopback_only is local mode's own (/local/jwt), not the API's");
    }

    @Test
    void qOpenapiServesTheDocumentItself() throws IOException {
        String served = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();

        assertEquals(document.root(), new ObjectMapper().readTree(served));
    }

    @Test
    void aMethodThatAPathDoesNotServeIsNotAllowedAndAllowListsTheOnesItDoes() {
        List<Executable> checks = new ArrayList<>();
        documentedMethodsByTemplate().forEach((template, documented) -> {
            String path = new OpenApiDocument.Operation(template, "GET", null).samplePath();
            SortedSet<String> allowed = new TreeSet<>(documented);
            if (documented.contains("GET")) {
                allowed.add("HEAD");
            }
            allowed.add("OPTIONS");
            for (String method : PROBED_METHODS) {
                if (!documented.contains(method)) {
                    checks.add(() -> assertProblem(send(method, path).then(), 405, "method_not_allowed", path)
                            .header("Allow", equalTo(String.join(", ", allowed))));
                }
            }
            for (String method : allowed) {
                checks.add(() -> assertServed(method, path));
            }
        });
        assertAll(checks);
    }

    /** The method reaches a resource: no 405, no routing 404; HEAD answers as GET does. */
    private static void assertServed(String method, String path) {
        Response answer = send(method, path);
        if (method.equals("HEAD")) {
            assertEquals(send("GET", path).statusCode(), answer.statusCode(), method + " " + path);
        } else {
            assertNotEquals(405, answer.statusCode(), method + " " + path);
            String code = answer.contentType().contains("json") ? answer.jsonPath().getString("code") : null;
            assertNotEquals("not_found", code, method + " " + path);
        }
    }

    private static Response send(String method, String path) {
        return given().auth().oauth2(OWNER).when().request(method, path);
    }

    private Map<String, SortedSet<String>> documentedMethodsByTemplate() {
        return document.operations().stream().collect(Collectors.groupingBy(OpenApiDocument.Operation::template,
                TreeMap::new, Collectors.mapping(OpenApiDocument.Operation::method,
                        Collectors.toCollection(TreeSet::new))));
    }
}
