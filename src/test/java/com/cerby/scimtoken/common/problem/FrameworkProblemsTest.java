package com.cerby.scimtoken.common.problem;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FrameworkProblemsTest {

    private static final String PROBE = "/test-probe";

    @Test
    void anUnknownPathIsNotFound() {
        assertProblem(given().when().get("/api/v1/nothing-here").then(), 404, "not_found", "/api/v1/nothing-here");
    }

    @Test
    void anUnknownPathOutsideTheApiIsNotFound() {
        assertProblem(given().when().get("/favicon.ico").then(), 404, "not_found", "/favicon.ico");
    }

    @Test
    void aWrongMethodIsNotAllowed() {
        String path = "/api/v1/workspaces/acme/scim-token";
        assertProblem(given().auth().oauth2(TestTokens.jwt("alice", "acme", "owner")).when().delete(path).then(),
                405, "method_not_allowed", path);
    }

    @Test
    void aWrongContentTypeIsUnsupported() {
        assertProblem(given().contentType(ContentType.XML).body("<probe/>").when().post(PROBE).then(),
                415, "unsupported_media_type", PROBE);
    }

    @Test
    void anUnacceptableMediaTypeIsRefused() {
        assertProblem(given().contentType(ContentType.JSON).accept(ContentType.XML)
                .body("{\"name\":\"n\",\"count\":1}").when().post(PROBE).then(), 406, "not_acceptable", PROBE);
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"name\": \"n\", ").when().post(PROBE).then(),
                400, "malformed_json", PROBE);
    }

    @Test
    void aWronglyTypedMemberIsAValidationFailureOfThatField() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"name\": \"n\", \"count\": [1]}")
                .when().post(PROBE).then(), 400, "validation_failed", PROBE)
                .body("errors[0].field", equalTo("count"))
                .body("errors[0].message", equalTo("has the wrong type"));
    }

    @Test
    void aBodyOver64KibIsTooLarge() {
        String padding = "x".repeat(64 * 1024);
        assertProblem(given().contentType(ContentType.JSON)
                .body("{\"name\":\"n\",\"count\":1,\"padding\":\"" + padding + "\"}").when().post(PROBE).then(),
                413, "payload_too_large", PROBE);
    }

    @Test
    void aStreamedBodyOver64KibIsTooLarge() throws IOException {
        List<String> chunks = new ArrayList<>(List.of("{\"name\":\"n\",\"count\":1,\"padding\":\""));
        chunks.addAll(Collections.nCopies(10, "x".repeat(8 * 1024)));
        chunks.add("\"}");

        String answer = postChunked(chunks);

        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
        assertTrue(answer.contains("\"code\":\"payload_too_large\""), answer);
    }

    @Test
    void aSmallStreamedBodyIsRead() throws IOException {
        String answer = postChunked(List.of("{\"name\":\"n\",", "\"count\":3}"));

        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.endsWith("\"count\":3,\"padding\":null}"), answer);
    }

    /** Sends a JSON body with chunked transfer encoding, so the server does not know its size in advance. */
    private static String postChunked(List<String> chunks) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("POST " + PROBE + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (String chunk : chunks) {
                request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            request.append("0\r\n\r\n");
            try {
                out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            return readAnswer(socket.getInputStream());
        }
    }

    @Test
    void aBodyJustUnder64KibIsAccepted() {
        String padding = "x".repeat(60 * 1024);
        given().contentType(ContentType.JSON).body("{\"name\":\"n\",\"count\":1,\"padding\":\"" + padding + "\"}")
                .when().post(PROBE).then().statusCode(200).body("count", equalTo(1));
    }

    @Test
    void invalidFieldsAreListed() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"name\": \" \", \"count\": 11}")
                .when().post(PROBE).then(), 400, "validation_failed", PROBE)
                .body("errors.field", containsInAnyOrder("name", "count"))
                .body("errors.message.every { it != null }", equalTo(true));
    }

    @Test
    void aMissingBodyIsAValidationFailure() {
        assertProblem(given().contentType(ContentType.JSON).when().post(PROBE).then(),
                400, "validation_failed", PROBE);
    }

    @Test
    void everyAnswerCarriesARequestId() {
        given().header("X-Request-Id", "trace-123").when().get("/q/health/live").then()
                .header("X-Request-Id", equalTo("trace-123"));
        given().header("X-Request-Id", "bad id with spaces").when().get("/q/health/live").then()
                .header("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"));
    }

    /** Reads one HTTP/1.1 answer: the head, then as many body bytes as its Content-Length says. */
    private static String readAnswer(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.append((char) next);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.US_ASCII);
    }
}
