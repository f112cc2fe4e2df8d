package com.cerby.scimtoken.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays both ends of an email verification: the client that starts it (and keeps the completion secret of the start
 * answer) and the mailbox that receives the code and the link to the console's confirm page.
 */
public final class TestEmail {

    private static final Pattern LINK = Pattern.compile(
            "(\\S+)/console/confirm\\.html#verification=([0-9a-f-]{36})&code=([0-9]{8})(?=\\s)");

    private TestEmail() {
    }

    /** An email verification started by a client: its id and the secret only that client holds. */
    public record Started(String id, String completionSecret) {
    }

    /** The link a verification mail carries: the base URL it points at, and the verification and code it names. */
    public record Link(String baseUrl, String verificationId, String code) {
    }

    public static Started start(String jwt, String workspaceId, String action) {
        var started = Flows.start(jwt, workspaceId, Map.of("method", "email", "action", action)).statusCode(201)
                .extract();
        return new Started(started.path("id"), started.path("completionSecret"));
    }

    /** The link in a mail (the quoted-printable soft breaks undone). */
    public static Link linkIn(MimeMessage message) {
        String body = Mailbox.text(message);
        Matcher link = LINK.matcher(body);
        assertTrue(link.find(), body);
        return new Link(link.group(1), link.group(2), link.group(3));
    }

    public static String codePath(String workspaceId, String verificationId) {
        return Flows.verificationsPath(workspaceId) + "/" + verificationId + "/code";
    }

    /** Posts the code to /code, with the completion secret unless it is null. */
    public static ValidatableResponse submit(String jwt, String workspaceId, String verificationId, String code,
            String completionSecret) {
        Map<String, String> body = new HashMap<>(Map.of("code", code));
        if (completionSecret != null) {
            body.put("completionSecret", completionSecret);
        }
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(body)
                .when().post(codePath(workspaceId, verificationId)).then();
    }

    /** "This wasn't me": reports the verification with the mailed code. */
    public static ValidatableResponse report(String jwt, String verificationId, String code) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/api/v1/me/verifications/" + verificationId + "/report").then();
    }
}
