package com.cerby.scimtoken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * The README's "Try it in a browser": the packaged jar in local mode, the console page with its local sign-in
 * form, the phone page in a second window playing the phone with a WebCrypto key, and passkeys made and used by
 * Chromium's virtual authenticator. The service's passkey origin is the page's, http://localhost and the port the
 * jar listens on.
 */
class ConsoleLocalModeIT {

    private static final String VIEW = "View the SCIM token";
    private static final String CHANGE_FACTORS = "Change how you confirm it is you";
    private static final String FRAME_ANCESTORS = "https://app.example.test";
    /**
     * HTTP/1.1, as the browser speaks to the jar: Java's client otherwise asks for an h2c upgrade, and the request
     * then reaches local mode's Host check without a Host header (HTTP/2 names it :authority), which refuses it.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDirectory;

    private static ServiceProcess service;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.start("console", List.of("-Dquarkus.profile=local",
                "-Dscim-token.local.data-dir=" + workDirectory.resolve("local-data"),
                "-Dscim-token.console.frame-ancestors=" + FRAME_ANCESTORS,
                "-Dscim-token.webauthn.origins=http://localhost:${quarkus.http.port}"));
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
    void theRootLeadsToTheConsoleWhoseAddressTheBannerPrintsAndItsPagesHaveAnIcon() throws Exception {
        String console = service.baseUrl() + "/console/";
        assertTrue(service.output().contains("*  Console: http://localhost:" + service.port() + "/console/"),
                "the startup banner prints the console's address with the port it listens on");
        for (String path : List.of("/", "/console")) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, answer.statusCode(), path);
            assertEquals("/console/", answer.headers().firstValue("Location").orElseThrow(), path);
        }
        HttpResponse<String> icon = HTTP.send(HttpRequest.newBuilder(URI.create(console + "favicon.svg")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, icon.statusCode());
        assertTrue(icon.headers().firstValue("Content-Type").orElseThrow().startsWith("image/svg+xml"));
        assertTrue(icon.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("default-src 'none'"));

        browser.driver().get(service.baseUrl() + "/");
        assertEquals(console, browser.driver().getCurrentUrl());
        for (String page : List.of("", "phone.html", "confirm.html")) {
            browser.driver().get(console + page);
            Object loaded = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[0];
                    const link = document.querySelector('link[rel="icon"]');
                    if (!link) { done('no icon'); return; }
                    const image = new Image();
                    image.onload = () => done(image.naturalWidth > 0 ? link.href : 'empty icon');
                    image.onerror = () => done('icon not loaded');
                    image.src = link.href;""");
            assertEquals(console + "favicon.svg", loaded, page);
        }
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
        assertFalse(console.confirmationOffers("Try again"), "pushes are paused: trying again would be refused");
        console.cancelConfirmation();
        console.viewToken();
        assertTrue(console.confirmationFailure().startsWith("Requests to your phone are paused"));
        console.cancelConfirmation();
    }

    @Test
    void anEmailLinkOpenedInThisBrowserCompletesTheDialogAndElsewhereOnlyShowsTheCodeAndThisWasntMe()
            throws Exception {
        ConsolePage console = ConsolePage.signedInLocally(browser, service.baseUrl(), "carol", "initech", "Admin",
                "carol@example.com");
        console.viewToken();
        assertEquals(List.of("Email me a code"), console.confirmationWays(), "carol has no factor, and email is last");
        console.emailMeACode();
        browser.assertAccessible("the confirmation dialog waits for the email's code");
        String link = confirmLinkMailedTo("carol@example.com", 1);

        String confirmWindow = browser.windowOpenedBy(() -> ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("window.open(arguments[0], 'scim-confirm')", link));
        browser.switchTo(confirmWindow);
        ConfirmPage confirm = new ConfirmPage(browser, confirmWindow);
        assertEquals("Done: the window that asked continues. You can close this page.", confirm.status("Done"));
        assertFalse(browser.driver().getCurrentUrl().contains("code="), "the code left the address bar");
        browser.assertAccessible("the confirm page is done");
        browser.screenshot("confirm-page-done");
        console.awaitTokenDialog();
        assertTrue(introspect(console.copyToken()).path("active").asBoolean());
        console.closeTokenDialog();

        console.viewToken();
        console.emailMeACode();
        String elsewhere = confirmLinkMailedTo("carol@example.com", 2);
        try (Browser other = Browser.start()) {
            other.driver().get(elsewhere);
            ConfirmPage stranger = new ConfirmPage(other, other.driver().getWindowHandle());
            String code = elsewhere.replaceFirst(".*code=", "");
            assertEquals(code, stranger.codeToType());
            assertTrue(stranger.status("This browser").startsWith("This browser did not ask for this email"));
            other.assertAccessible("the confirm page in another browser shows the code");
            other.screenshot("confirm-page-elsewhere");
            String carol = mint("{\"sub\":\"carol\",\"workspaceId\":\"initech\",\"roles\":[\"admin\"]}");
            String verification = elsewhere.replaceFirst(".*verification=([0-9a-f-]{36}).*", "$1");
            assertEquals("pending", get("/api/v1/workspaces/initech/scim-token/verifications/" + verification, carol)
                    .path("status").asText(), "opening the link elsewhere approves nothing");
            stranger.thisWasntMe();
            SignInForm.submit(other, "carol", "initech", "Admin", "carol@example.com");
            assertTrue(stranger.status("Thank you").startsWith("Thank you. The request was denied, and email codes "
                    + "for your account are paused for 15 minutes."));
            other.assertAccessible("the report was sent");
        }
        assertEquals("The email request was reported with \"This wasn't me\", so email codes are paused for 15 "
                + "minutes. Use another way below.", console.confirmationFailure());
        browser.assertAccessible("the confirm dialog says the email request was reported");
        console.cancelConfirmation();
    }

    @Test
    void aSecondPhoneEnrollsThroughTheConfirmDialogApprovedOnTheFirst() throws Exception {
        PhonePage first = PhonePage.signedInDirectly(browser, service.baseUrl(), "gina", "umbrella", "Owner");
        assertEquals("This browser is now your phone.", first.enroll());

        try (Browser other = Browser.start()) {
            PhonePage second = PhonePage.signedInDirectly(other, service.baseUrl(), "gina", "umbrella", "Owner");
            second.enrollThroughConfirmation();
            assertTrue(second.confirmationText().contains("To change how you confirm it is you, approve the request on "
                    + "your phone."), second.confirmationText());
            other.assertAccessible("the phone page asks to confirm with the first phone");
            other.screenshot("phone-page-confirm-identity");
            assertEquals("Approved. The web page continues.",
                    first.approve(CHANGE_FACTORS, second.numberToTypeOnThePhone()));
            assertEquals("This browser is now your phone.", second.announcement());
        }
        String gina = mint("{\"sub\":\"gina\",\"workspaceId\":\"umbrella\",\"roles\":[\"owner\"]}");
        assertEquals(2, get("/api/v1/me/devices", gina).path("items").size());
        JsonNode approval = only(auditEvents("umbrella", gina), "verification.approved");
        assertEquals("device", approval.path("details").path("factorType").asText(), "approved on the first phone");
    }

    @Test
    void anOwnerWithoutAPhoneAddsAPasskeyAndViewsTheTokenWithIt() throws Exception {
        ConsolePage console = ConsolePage.signedInLocally(browser, service.baseUrl(), "dan", "hooli", "Owner",
                "dan@example.com");
        VirtualAuthenticator authenticator = browser.addPasskeyAuthenticator();
        try {
            assertEquals(List.of(), console.passkeys());

            authenticator.setUserVerified(false);
            console.addPasskey("Work laptop");
            assertEquals("No passkey was made: the browser's prompt was closed or timed out. Nothing was changed; add "
                    + "it again when you are ready.", console.passkeyAnnouncement());
            authenticator.setUserVerified(true);
            console.addPasskey("Work laptop");
            assertEquals("Passkey \"Work laptop\" added. When you are asked to confirm it is you, choose \"Use a "
                    + "passkey\".", console.passkeyAnnouncement());
            List<String> rows = console.passkeys();
            assertEquals(1, rows.size(), rows.toString());
            assertTrue(rows.get(0).startsWith("Work laptop added ") && rows.get(0).contains("not used yet"),
                    rows.get(0));
            assertTrue(authenticator.getCredentials().get(0).isResidentCredential());
            browser.assertAccessible("a passkey was added");
            browser.screenshot("console-passkeys");

            console.viewToken();
            assertEquals(List.of("Use a passkey", "Email me a code"), console.confirmationWays(),
                    "no phone, so no push; the passkey first, email last");
            browser.assertAccessible("the confirmation dialog offers the passkey");
            browser.screenshot("console-use-a-passkey");
            authenticator.setUserVerified(false);
            console.confirmWithPasskey();
            assertEquals("No passkey was used: the browser's prompt was closed or timed out. Nothing was spent; "
                    + "choose \"Use a passkey\" again when you are ready.", console.confirmationStatus("No passkey"));
            authenticator.setUserVerified(true);
            console.confirmWithPasskey();

            console.awaitTokenDialog();
            String token = console.copyToken();
            assertTrue(introspect(token).path("active").asBoolean(), "introspection calls the copied token active");
            console.closeTokenDialog();
            browser.waitFor(driver -> console.auditEvents().stream().anyMatch(row -> row.contains("Passkey added")));
        } finally {
            browser.removeAuthenticator(authenticator);
        }

        String dan = mint("{\"sub\":\"dan\",\"workspaceId\":\"hooli\",\"roles\":[\"owner\"]}");
        JsonNode passkey = get("/api/v1/me/passkeys", dan).path("items").path(0);
        assertEquals("Work laptop", passkey.path("name").asText());
        assertFalse(passkey.path("lastUsedAt").isNull(), "the passkey was used");
        List<JsonNode> events = auditEvents("hooli", dan);
        JsonNode registered = only(events, "passkey.registered");
        assertEquals(passkey.path("id").asText(), registered.path("details").path("factorId").asText());
        assertEquals("Work laptop", registered.path("details").path("name").asText());
        JsonNode approved = only(events, "verification.approved");
        assertEquals("passkey", approved.path("details").path("method").asText());
        assertEquals(passkey.path("id").asText(), approved.path("details").path("factorId").asText());
        assertEquals(approved.path("verificationId").asText(), only(events, "verification.started")
                .path("verificationId").asText(), "the closed prompt spent nothing: the one verification was reused");
        assertEquals(List.of(), events.stream().filter(event -> event.path("type").asText()
                .equals("verification.passkey_failed")).toList());
        JsonNode verification = get("/api/v1/workspaces/hooli/scim-token/verifications/"
                + approved.path("verificationId").asText(), dan);
        assertEquals("approved", verification.path("status").asText());
        assertEquals("passkey", verification.path("method").asText());
        assertEquals("reveal", verification.path("action").asText());
    }

    @Test
    void aPasskeyNextToAPhoneTakesAnApprovalAndRemovingItTakesAnother() throws Exception {
        ConsolePage console = ConsolePage.signedInLocally(browser, service.baseUrl(), "erin", "pied-piper", "Admin",
                "erin@example.com");
        VirtualAuthenticator authenticator = browser.addPasskeyAuthenticator();
        try {
            PhonePage phone = PhonePage.signedInDirectly(browser, service.baseUrl(), "erin", "pied-piper", "Admin");
            assertEquals("This browser is now your phone.", phone.enroll());

            console.addPasskey("Security key");
            assertTrue(console.confirmationText().contains("To change how you confirm it is you, approve the request "
                    + "on your phone"), console.confirmationText());
            assertEquals("Approved. The web page continues.",
                    phone.approve(CHANGE_FACTORS, console.numberToTypeOnThePhone()));
            assertEquals("Passkey \"Security key\" added. When you are asked to confirm it is you, choose \"Use a "
                    + "passkey\".", console.passkeyAnnouncement());

            console.removePasskey("Security key");
            browser.assertAccessible("the confirmation dialog offers the phone and the passkey");
            console.confirmWithPasskey();
            assertEquals("Passkey \"Security key\" removed.", console.passkeyAnnouncement());
            assertEquals(List.of(), console.passkeys());
            assertEquals(ConsolePage.PASSKEYS, console.focused(), "the list's heading takes the focus of Remove");
        } finally {
            browser.removeAuthenticator(authenticator);
        }

        String erin = mint("{\"sub\":\"erin\",\"workspaceId\":\"pied-piper\",\"roles\":[\"admin\"]}");
        List<JsonNode> events = auditEvents("pied-piper", erin);
        JsonNode removed = only(events, "passkey.removed");
        assertEquals(only(events, "passkey.registered").path("details").path("factorId"),
                removed.path("details").path("factorId"));
        List<String> approvals = events.stream().filter(event -> event.path("type").asText()
                .equals("verification.approved")).map(event -> event.path("verificationId").asText()).toList();
        assertEquals(2, approvals.size(), events.toString());
        String verifications = "/api/v1/workspaces/pied-piper/scim-token/verifications/";
        JsonNode removal = get(verifications + approvals.get(0), erin);
        JsonNode addition = get(verifications + approvals.get(1), erin);
        assertEquals(List.of("manage_factors", "passkey", "approved"), List.of(removal.path("action").asText(),
                removal.path("method").asText(), removal.path("status").asText()), "removed with the passkey");
        assertEquals(List.of("manage_factors", "push", "approved"), List.of(addition.path("action").asText(),
                addition.path("method").asText(), addition.path("status").asText()), "added with the phone's approval");
        assertEquals(0, get("/api/v1/me/passkeys", erin).path("items").size());
    }

    @Test
    void onAnIpAddressTheConsoleSaysThatPasskeysNeedLocalhost() {
        String atIpAddress = "http://127.0.0.1:" + service.port();
        ConsolePage console = ConsolePage.signedInLocally(browser, atIpAddress, "fay", "hooli", "Owner", "");

        assertTrue(console.passkeysText().contains("Passkeys need a domain name, and this page was opened at the IP "
                + "address 127.0.0.1. Open it at " + service.baseUrl() + "/console/ instead."), console.passkeysText());
        assertFalse(console.offers("Add a passkey"));
        browser.assertAccessible("the console on an IP address");
    }

    @Test
    void theLocalPagesCarryTheConsoleHeadersWithTheConfiguredFrameAncestors() throws Exception {
        for (String path : List.of("/console/", "/console/phone.html", "/console/local/phone.js",
                "/console/confirm.html")) {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), path);
            assertEquals(ConsoleHeadersTest.POLICY.replaceFirst("'none'$", FRAME_ANCESTORS),
                    page.headers().firstValue("Content-Security-Policy").orElseThrow(), path);
        }
    }

    /**
     * The confirm page's address for the n-th distinct verification mailed to the address, as local mode logs its
     * mail: the link the mail carries, on this service.
     */
    private String confirmLinkMailedTo(String address, int nth) {
        return browser.waitFor(driver -> {
            String output = outputWith(address);
            Matcher link = Pattern.compile("/console/confirm\\.html#verification=([0-9a-f-]{36})&code=(\\d{8})")
                    .matcher(output == null ? "" : output);
            java.util.Set<String> links = new java.util.LinkedHashSet<>();
            while (link.find()) {
                links.add(service.baseUrl() + link.group());
            }
            return links.size() >= nth ? List.copyOf(links).get(nth - 1) : null;
        });
    }

    /** What introspection says of a token, asked with a service JWT minted the README's way. */
    private static JsonNode introspect(String token) throws Exception {
        String scimServer = mint(
                "{\"sub\":\"scim-server\",\"workspaceId\":\"system\",\"roles\":[\"token_introspector\"]}");
        return JSON.readTree(post("/api/v1/scim-tokens/introspect", scimServer,
                JSON.writeValueAsString(Map.of("token", token))));
    }

    /** The workspace's audit events, newest first. */
    private static List<JsonNode> auditEvents(String workspaceId, String jwt) throws Exception {
        return StreamSupport.stream(get("/api/v1/workspaces/" + workspaceId + "/audit-events?limit=100", jwt)
                .path("items").spliterator(), false).toList();
    }

    /** The one event of the type. */
    private static JsonNode only(List<JsonNode> events, String type) {
        List<JsonNode> found = events.stream().filter(event -> event.path("type").asText().equals(type)).toList();
        assertEquals(1, found.size(), type + " in " + events);
        return found.get(0);
    }

    private static JsonNode get(String path, String jwt) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + jwt).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
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
