package com.cerby.scimtoken.operations;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every {@code maxLength} that openapi.yaml gives a request string is the service's limit: one character more is a
 * 400 {@code validation_failed} naming the member or parameter. Each case starts from the operation's own request
 * example (or valid path values) and makes one string too long.
 */
@QuarkusTest
class StringLimitsTest {

    private static final String INTROSPECTION = "/api/v1/scim-tokens/introspect";
    private static final String OAUTH = "/oauth2/";
    /** The operators' paths ({@code factor_admin}): an owner's JWT would be refused before its limits. */
    private static final String USERS = "/api/v1/users/";
    /** Members of a JWK are judged by the key's own rules, which answer {@code invalid_public_key}. */
    private static final Map<String, String> NESTED_PROBLEMS = Map.of("publicKey", "invalid_public_key");

    private final OpenApiDocument document = OpenApiDocument.read();

    @Test
    void oneCharacterMoreThanAnyMaxLengthIsRefused() {
        List<Executable> cases = new ArrayList<>();
        for (OpenApiDocument.Operation operation : document.operations()) {
            parameterCases(operation, cases);
            document.resolve(operation.definition().path("requestBody")).path("content").fields()
                    .forEachRemaining(media -> bodyCases(operation, media.getKey(), media.getValue(), cases));
        }
        assertTrue(cases.size() >= 20, "only " + cases.size() + " limits found in openapi.yaml");
        assertAll(cases);
    }

    private void parameterCases(OpenApiDocument.Operation operation, List<Executable> cases) {
        for (JsonNode reference : operation.definition().path("parameters")) {
            JsonNode parameter = document.resolve(reference);
            JsonNode schema = parameter.path("schema");
            if (!schema.has("maxLength") || parameter.path("in").asText().equals("header")) {
                continue; // the only header parameter names a signing key: one too long is not GitHub's, a 401
            }
            String name = parameter.path("name").asText();
            String tooLong = tooLong(schema);
            boolean inQuery = parameter.path("in").asText().equals("query");
            String path = inQuery ? operation.samplePath() : operation.pathWith(name, tooLong);
            cases.add(() -> {
                RequestSpecification request = withExampleBody(operation);
                if (inQuery) {
                    request.queryParam(name, tooLong);
                }
                assertRefused(request.when().request(operation.method(), path).then(), path, name);
            });
        }
    }

    private void bodyCases(OpenApiDocument.Operation operation, String mediaType, JsonNode content,
            List<Executable> cases) {
        JsonNode example = example(content);
        JsonNode schema = document.resolve(content.path("schema"));
        schema.path("properties").fields().forEachRemaining(property -> {
            JsonNode member = document.resolve(property.getValue());
            if (member.has("maxLength")) {
                ObjectNode body = example.deepCopy();
                body.put(property.getKey(), tooLong(member));
                cases.add(() -> assertRefused(send(operation, mediaType, body), operation.samplePath(),
                        property.getKey()));
            }
            member.path("properties").fields().forEachRemaining(nested -> {
                JsonNode nestedSchema = document.resolve(nested.getValue());
                if (nestedSchema.has("maxLength")) {
                    ObjectNode body = example.deepCopy();
                    ((ObjectNode) body.path(property.getKey())).put(nested.getKey(), tooLong(nestedSchema));
                    cases.add(() -> assertProblem(send(operation, mediaType, body), 400,
                            NESTED_PROBLEMS.get(property.getKey()), operation.samplePath()));
                }
            });
        });
    }

    /** A request of the caller the operation needs, with the operation's own JSON example if it takes a body. */
    private RequestSpecification withExampleBody(OpenApiDocument.Operation operation) {
        RequestSpecification request = caller(operation);
        JsonNode content = document.resolve(operation.definition().path("requestBody")).path("content")
                .path("application/json");
        return content.isMissingNode() ? request
                : request.contentType("application/json").body(example(content).toString());
    }

    private static JsonNode example(JsonNode content) {
        return content.has("example") ? content.get("example")
                : content.path("examples").elements().next().path("value");
    }

    private ValidatableResponse send(OpenApiDocument.Operation operation, String mediaType,
            ObjectNode body) {
        RequestSpecification request = caller(operation).contentType(mediaType);
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            body.fields().forEachRemaining(field -> request.formParam(field.getKey(), field.getValue().asText()));
        } else {
            request.body(body.toString());
        }
        return request.when().request(operation.method(), operation.samplePath()).then();
    }

    private static void assertRefused(ValidatableResponse response, String path,
            String field) {
        if (path.startsWith(OAUTH)) {
            // The token endpoint answers RFC 6749 §5.2 errors, never problem+json.
            response.statusCode(400).body("error", equalTo("invalid_request"))
                    .body("error_description", containsString(field));
            return;
        }
        assertProblem(response, 400, "validation_failed", path).body("errors.field", hasItem(field));
    }

    private static RequestSpecification caller(OpenApiDocument.Operation operation) {
        String jwt = operation.template().equals(INTROSPECTION)
                ? TestTokens.jwt("scim-server", "system", "token_introspector")
                : operation.template().startsWith(USERS)
                ? TestTokens.jwt("operator", "system", "factor_admin")
                : TestTokens.jwt("olivia", OpenApiDocument.WORKSPACE, "owner");
        return given().auth().oauth2(jwt);
    }

    /** One character more than the schema allows, of a character its pattern would otherwise accept. */
    private static String tooLong(JsonNode schema) {
        return "a".repeat(schema.get("maxLength").asInt() + 1);
    }
}
