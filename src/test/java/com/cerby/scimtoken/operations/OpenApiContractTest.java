package com.cerby.scimtoken.operations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** openapi.yaml at the project root documents the API; it must name exactly the operations the code serves. */
@QuarkusTest
class OpenApiContractTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void theDocumentedOperationsAreTheServedOperations() throws IOException {
        JsonNode served = new ObjectMapper().readTree(
                given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                        .extract().asString());
        JsonNode documented = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());

        assertEquals(operations(served), operations(documented));
    }

    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> {
                    if (METHODS.contains(method)) {
                        operations.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));
        return operations;
    }
}
