package com.cerby.scimtoken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Try it in a browser": the packaged jar in local mode, the console page with its local sign-in
 * form, and the phone page in a second window playing the phone with a WebCrypto key.
 */
class ConsoleLocalModeIT {

    private static final String VIEW = "View the SCIM token";
    private static final String FRAME_ANCESTORS = "https://app.example.test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDirectory;

    private static ServiceProcess service;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.start("console", List.of("-Dquarkus.profile=local",
                "-Dscim-token.local.data-dir=" + workDirectory.resolve("local-data"),
                "-Dscim-token.console.frame-ancestors=" + FRAME_ANCESTORS));
        browser = Browser.start();
        service.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        browser.close();
        service.close();
    }

    @AfterEach
    void screenshotAndPolicyCheck(TestInfo test) {
        browser.screenshot(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
        browser.assertNoContentSecurityViolations();
    }

    @Test
    void anOwnerSignsInEnrollsThePhonePageAndApprovesWithTheNumberTheConsoleShows() throws Exception {
        ConsolePage console = ConsolePage.signedInLocally(browser, service.baseUrl(), "alice", "acme", "Owner",
                "alice@example.com");
        assertEquals("No token yet. View Token creates one.", console.fact("Token"));
        browser.assertAccessible("the local console is signed in");

        PhonePage phone = PhonePage.openedFrom(console, browser);
        assertTrue(phone.text().contains("Signed in as alice."), "the phone page reuses the console's session");
        assertEquals("This browser is now your phone.", phone.enroll());
        browser.assertAccessible("the phone page is enrolled");

        console.viewToken();
        int number = console.numberToTypeOnThePhone();
        assertTrue(console.confirmationText().contains("Sent to Browser phone."), console.confirmationText());
        browser.screenshot("console-confirm-identity");
        String request = phone.request(VIEW);
        assertTrue(request.contains("Workspace acme, asked from 127.0.0.1 with Chrome on Linux."), request);
        browser.screenshot("phone-request");
        browser.assertAccessible("the phone page lists a request");
        assertEquals("Approved. The web page continues.", phone.approve(VIEW, number));

        console.awaitTokenDialog();
        browser.screenshot("console-show-token");
        String token = console.copyToken();
        assertTrue(introspect(token).path("active").asBoolean(), "introspection calls the copied token active");
        console.closeTokenDialog();

        console.viewToken();
        assertEquals("Denied.", phone.deny(VIEW));
        assertEquals("The request was denied on your phone.", console.confirmationFailure());
        console.tryAgain();
        int next = console.numberToTypeOnThePhone();
        assertEquals("The number did not match, so the request was denied.",
                phone.approve(VIEW, next == 99 ? 10 : next + 1));
        assertEquals("The number entered on your phone did not match the number shown here.",
                console.confirmationFailure());
        console.cancelConfirmation();
    }

    @Test
    void thePhonePageSignsInWithItsOwnFormAndAReportPausesPushes() throws Exception {
        ConsolePage console = ConsolePage.signedInLocally(browser, service.baseUrl(), "bob", "globex", "Owner",
                "bob@example.com");
        PhonePage phone = PhonePage.signedInDirectly(browser, service.baseUrl(), "bob", "globex", "Owner");
        assertEquals("This browser is now your phone.", phone.enroll());

        console.viewToken();
        console.numberToTypeOnThePhone();
        assertEquals("Reported as suspicious. Requests to your phone are paused for a while.",
                phone.reportSuspicious(VIEW));
        assertTrue(console.confirmationFailure().startsWith("You reported the request as suspicious"));
        console.tryAgain();
        assertTrue(console.confirmationFailure().startsWith("Requests to your phone are paused"));
        console.cancelConfirmation();
    }

    @Test
    void anEmailLinkConfirmsAndTheConsoleContinuesByItself() throws Exception {
        ConsolePage console = ConsolePage.signedInLocally(browser, service.baseUrl(), "carol", "initech", "Admin",
                "carol@example.com");
        console.viewToken();
        assertTrue(console.confirmationFailure().startsWith("You have no phone set up for approvals."));

        console.emailMeALink();
        browser.waitFor(driver -> console.confirmationText().contains("We emailed a link to carol@example.com."));
        Matcher link = Pattern.compile("verification=([0-9a-f-]{36})&code=([A-Za-z0-9_-]+)")
                .matcher(browser.waitFor(driver -> outputWith("carol@example.com")));
        assertTrue(link.find(), "local mode logs the mail with its link");
        String carol = mint("{\"sub\":\"carol\",\"workspaceId\":\"initech\",\"roles\":[\"admin\"]}");
        post("/api/v1/workspaces/initech/scim-token/verifications/" + link.group(1) + "/code", carol,
                JSON.writeValueAsString(Map.of("code", link.group(2))));

        console.awaitTokenDialog();
        assertTrue(introspect(console.copyToken()).path("active").asBoolean());
        console.closeTokenDialog();
    }

    @Test
    void theLocalPagesCarryTheConsoleHeadersWithTheConfiguredFrameAncestors() throws Exception {
        for (String path : List.of("/console/", "/console/phone.html", "/console/local/phone.js")) {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), path);
            assertEquals(ConsoleHeadersTest.POLICY.replaceFirst("'none'$", FRAME_ANCESTORS),
                    page.headers().firstValue("Content-Security-Policy").orElseThrow(), path);
        }
    }

    /** What introspection says of a token, asked with a service JWT minted the README's way. */
    private static JsonNode introspect(String token) throws Exception {
        String scimServer = mint(
                "{\"sub\":\"scim-server\",\"workspaceId\":\"system\",\"roles\":[\"token_introspector\"]}");
        return JSON.readTree(post("/api/v1/scim-tokens/introspect", scimServer,
                JSON.writeValueAsString(Map.of("token", token))));
    }

    private static String mint(String claims) throws Exception {
        return JSON.readTree(post("/local/jwt", null, claims)).path("token").asText();
    }

    /** The service's output once it mentions the text, else null. */
    private static String outputWith(String text) {
        try {
            String output = service.output();
            return output.contains(text) ? output : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String post(String path, String jwt, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }
}
