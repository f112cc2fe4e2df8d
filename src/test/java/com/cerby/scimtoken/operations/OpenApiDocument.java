package com.cerby.scimtoken.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** openapi.yaml at the project root, read for the tests that hold the service to it. */
final class OpenApiDocument {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    static final String WORKSPACE = "acme";
    static final String SOME_ID = "82465604-ec8d-4b36-b7bc-e349e1a56b24";
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    static OpenApiDocument read() {
        try {
            return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** One documented operation: its path template, method and definition. */
    record Operation(String template, String method, JsonNode definition) {

        /** The path with every parameter filled in with a valid value. */
        String samplePath() {
            return pathWith("", "");
        }

        /** The path with the given value for one parameter and valid values for the others. */
        String pathWith(String parameter, String value) {
            return PARAMETER.matcher(template).replaceAll(match -> match.group(1).equals(parameter) ? value
                    : match.group(1).equals("workspaceId") ? WORKSPACE : SOME_ID);
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.add(new Operation(path.getKey(), method.getKey().toUpperCase(), method.getValue()));
            }
        }));
        return operations;
    }

    /** The node itself, or the one its local {@code $ref} points to. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = root.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }
}
