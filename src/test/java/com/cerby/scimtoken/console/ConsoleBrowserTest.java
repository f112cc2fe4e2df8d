package com.cerby.scimtoken.console;

import static com.cerby.scimtoken.console.ConsolePage.CONFIRM;
import static com.cerby.scimtoken.console.ConsolePage.SHOW_TOKEN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestPasskey;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.cerby.scimtoken.verification.VerificationSweeper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * The console in a real headless Chromium, embedded by a host page the way a web app embeds it, with JWTs minted
 * by the test. The phone and the authenticator app are the test's own (TestPhone, TestAuthenticator); the
 * phone page of local mode has its own test (ConsoleLocalModeIT), and so do passkeys that work (the host page's
 * random port is not the passkey origin the test profile names, http://localhost:8080).
 */
@QuarkusTest
class ConsoleBrowserTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("alice", WORKSPACE, "owner");
    private static Browser browser;

    @TestHTTPResource("/console/test-host/index.html")
    URL hostPage;

    @Inject
    VerificationSweeper sweeper;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        browser.close();
    }

    @AfterEach
    void screenshotAndPolicyCheck(TestInfo test) {
        browser.screenshot(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
        browser.assertNoContentSecurityViolations();
    }

    @Test
    void anOwnerApprovesOnThePhoneAndCopiesTheTokenThatIntrospectionCallsActive() throws SQLException {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        assertEquals("No token yet. View Token creates one.", console.fact("Token"));
        browser.assertAccessible("the panel shows that there is no token");

        console.viewToken();
        int number = console.numberToTypeOnThePhone();
        assertEquals(CONFIRM, console.focused(), "focus moves to the dialog's heading");
        assertTrue(console.confirmationText().contains("Sent to Test phone."), console.confirmationText());
        browser.assertAccessible("the confirmation dialog waits for the phone");
        phone.approve(OWNER, pendingVerification(), number).statusCode(200);

        console.awaitTokenDialog();
        assertTrue(console.tokenIsMasked());
        assertTrue(console.tokenDialogText().contains("To see it again later, you will need a new verification."));
        String copied = console.copyToken();
        Flows.introspect(copied).statusCode(200).body("active", equalTo(true)).body("workspace_id", equalTo(WORKSPACE));
        assertEquals(copied, console.showToken());
        browser.assertAccessible("the token is shown");
        console.closeTokenDialog();
        assertFalse(console.isOpen(SHOW_TOKEN));
        browser.assertNothingKeeps(copied);
        assertEquals("scim_…" + copied.substring(copied.length() - 4), console.fact("Token"));

        console.viewToken();
        console.numberToTypeOnThePhone();
        assertEquals(1L, database.queryValue("select count(*) from verification where status = 'PENDING'"),
                "seeing the token again takes a new approval");
        console.cancelConfirmation();
        browser.waitFor(driver -> countOf("CANCELLED") == 1);
    }

    @Test
    void focusStaysInTheDialogAndEscapeCancelsTheRequest() throws SQLException {
        TestPhone.enrolledFor(OWNER);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        console.viewToken();
        console.numberToTypeOnThePhone();

        console.pressShiftTab();
        assertEquals("Cancel", console.focused(), "Shift+Tab from the top goes round to the last control");
        console.pressTab();
        assertEquals("Email me a code", console.focused(), "Tab from the last control goes round to the first");

        console.pressEscape();
        console.awaitClosed(CONFIRM);
        assertEquals("View Token", console.focused(), "focus returns to the button that opened the dialog");
        browser.waitFor(driver -> countOf("CANCELLED") == 1);
    }

    @Test
    void aDenialAndAWrongNumberReadAsSentencesAndOfferToTryAgain() {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        console.viewToken();
        console.numberToTypeOnThePhone();
        phone.deny(OWNER, pendingVerification()).statusCode(200);
        assertEquals("The request was denied on your phone.", console.confirmationFailure());
        assertEquals(Optional.empty(), console.countDown(), "the countdown leaves with the request");
        assertTrue(console.confirmationOffers("Try again"));

        console.tryAgain();
        int number = console.numberToTypeOnThePhone();
        phone.approve(OWNER, pendingVerification(), number == 99 ? 10 : number + 1).statusCode(200);
        assertEquals("The number entered on your phone did not match the number shown here.",
                console.confirmationFailure());
        browser.assertAccessible("the confirmation dialog reports a wrong number");
        console.cancelConfirmation();
    }

    @Test
    void aReportPausesPushesAndTheConsoleSaysUntilWhenWithoutOfferingToTryAgain() {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        console.viewToken();
        console.numberToTypeOnThePhone();
        assertTrue(console.confirmationIsBusy(), "a busy indicator shows while the phone is asked");
        assertTrue(console.countDown().orElseThrow().matches("Expires in [45]:\\d\\d"), console.countDown().toString());
        phone.report(OWNER, pendingVerification()).statusCode(200);
        assertTrue(console.confirmationFailure().startsWith("You reported the request as suspicious"));
        assertEquals(Optional.empty(), console.countDown(), "the countdown leaves with the request");
        assertFalse(console.confirmationIsBusy(), "nothing is awaited any more");
        assertFalse(console.confirmationOffers("Try again"), "pushes are paused: trying again would be refused");
        browser.assertAccessible("the confirmation dialog reports a report");
        console.cancelConfirmation();

        console.viewToken();
        String paused = console.confirmationFailure();
        assertTrue(paused.startsWith("Requests to your phone are paused because you reported one as suspicious. "
                + "You can use your phone again after "), paused);
        assertTrue(paused.endsWith("(in 15 minutes); until then, use another way below."), paused);
        assertFalse(console.confirmationOffers("Try again"));
        assertFalse(console.confirmationIsBusy());
        console.cancelConfirmation();
    }

    @Test
    void anExpiredRequestSaysSoAndTryAgainSendsANewOne() throws SQLException {
        TestPhone.enrolledFor(OWNER);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        console.viewToken();
        console.numberToTypeOnThePhone();
        String expiring = pendingVerification();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        sweeper.expireOverdue();

        assertEquals("The request expired before it was approved.", console.confirmationFailure());
        browser.assertAccessible("the confirmation dialog reports an expired request");
        console.tryAgain();
        console.numberToTypeOnThePhone();
        assertNotEquals(expiring, pendingVerification());
        console.cancelConfirmation();
    }

    @Test
    void withOnlyAnAuthenticatorAppTheDialogAsksForItsCodeAndSendsNoPush() throws SQLException {
        String superAdmin = TestTokens.jwt("carol", WORKSPACE, "super_admin");
        TestAuthenticator authenticator = TestAuthenticator.confirmedFor(superAdmin, clock);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, superAdmin);
        console.viewToken();
        assertEquals(List.of("Verify code", "Email me a code", "Authenticator code"), console.confirmationWays());
        assertTrue(console.confirmationText().contains("To view the SCIM token, confirm it is you in one of these "
                + "ways."), console.confirmationText());
        assertEquals(0L, database.queryValue("select count(*) from verification"), "no push was started");

        console.confirmWithAuthenticatorCode("12345");
        assertEquals("The 6-digit code from your authenticator app. Error: Enter the 6-digit code from your "
                + "authenticator app.", console.authenticatorCodeDescription());
        console.confirmWithAuthenticatorCode(authenticator.wrongCode());
        assertEquals("The 6-digit code from your authenticator app. Error: That code is not right. 4 attempts left.",
                console.authenticatorCodeDescription());
        browser.assertAccessible("the code field shows an error");
        console.confirmWithAuthenticatorCode(authenticator.code());

        console.awaitTokenDialog();
        Flows.introspect(console.copyToken()).body("active", equalTo(true));
        console.closeTokenDialog();
    }

    @Test
    void passkeysOnAPageOfAnotherOriginAreRefusedWithTheReasonAndUsingOneCostsAnAttempt() throws SQLException {
        TestPasskey passkey = TestPasskey.registeredFor(OWNER);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        VirtualAuthenticator authenticator = browser.addPasskeyAuthenticator();
        try {
            authenticator.addCredential(Credential.createResidentCredential(passkey.credentialId(), TestPasskey.RP_ID,
                    new PKCS8EncodedKeySpec(passkey.privateKey()), "alice".getBytes(StandardCharsets.UTF_8), 0));
            console.viewToken();
            console.confirmWithPasskey();
            assertEquals("Your passkey was not accepted. The passkey was refused: it was made on a web origin this "
                    + "service does not accept. 4 attempts left.", console.confirmationFailure());
            browser.assertAccessible("the confirmation dialog reports a refused passkey");
            assertEquals("PENDING with 4 attempts left", database.queryValue("select status || ' with ' "
                    + "|| attempts_remaining || ' attempts left' from verification where method = 'PASSKEY'"));
            assertEquals(1L, database.queryValue(
                    "select count(*) from audit_event where type = 'verification.passkey_failed'"));
            console.cancelConfirmation();

            String frank = TestTokens.jwt("frank", WORKSPACE, "admin");
            ConsolePage frankConsole = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, frank);
            frankConsole.addPasskey("Test laptop");
            assertEquals("The passkey was not added. The passkey was refused: it was made on a web origin this service "
                    + "does not accept. Try again; if it keeps happening, tell your administrator what it says.",
                    frankConsole.passkeyFailure());
            browser.assertAccessible("the passkey list reports a refused passkey");
            assertEquals(List.of(), frankConsole.passkeys());
            assertEquals(0L, database.queryValue("select count(*) from passkey where user_id = 'frank'"));
        } finally {
            browser.removeAuthenticator(authenticator);
        }
    }

    @Test
    void anAdminMayViewTheTokenButIsToldWhyRotateAndRevokeAreMissing() {
        String admin = TestTokens.jwt("dave", WORKSPACE, "admin");
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, admin);
        assertEquals(List.of("View Token"), console.tokenActions());
        assertTrue(console.text().contains("Only workspace owners can rotate or revoke the token."));
        browser.assertAccessible("an admin sees the panel");

        TestPhone phone = TestPhone.enrolledFor(OWNER);
        Flows.approvedReveal(OWNER, WORKSPACE, phone).statusCode(200);
        console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, admin);
        assertEquals(List.of("View Token"), console.tokenActions(), "an active token: an admin may only view it");

        Flows.revoke(OWNER, WORKSPACE, Flows.approved(OWNER, WORKSPACE, phone, "revoke")).statusCode(204);
        console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, admin);
        assertEquals(List.of(), console.tokenActions(), "a revoked token: nothing an admin may do");
        assertEquals("The token was revoked. An owner can generate a new one.", console.fact("Token"));
        assertTrue(console.text().contains("Only a workspace owner can generate a new token."));
        browser.assertAccessible("an admin sees a revoked token");
    }

    @Test
    void anOwnerIsOfferedOnlyTheActionsThatApplyToTheTokensState() {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        assertEquals(List.of("View Token"), console.tokenActions(), "no token yet: View Token creates the first");
        assertFalse(console.dangerZoneOffers("Revoke token"));

        String first = Flows.approvedReveal(OWNER, WORKSPACE, phone).statusCode(200).extract().path("token");
        console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        assertEquals(List.of("View Token", "Rotate token", "Revoke token"), console.tokenActions());
        assertTrue(console.dangerZoneOffers("Revoke token"), "Revoke token stands apart, in the danger zone");
        browser.assertAccessible("an owner sees an active token");
        browser.screenshot("console-active-token");

        Flows.revoke(OWNER, WORKSPACE, Flows.approved(OWNER, WORKSPACE, phone, "revoke")).statusCode(204);
        ConsolePage revoked = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        assertEquals(List.of("Generate new token"), revoked.tokenActions(), "after a revocation: no View, no Revoke");
        assertEquals("The token was revoked. An owner can generate a new one.", revoked.fact("Token"));
        browser.assertAccessible("an owner sees a revoked token");

        revoked.generateNewToken();
        assertFalse(revoked.isOpen(ConsolePage.ROTATE), "no question about a grace period for a token that is gone");
        assertTrue(revoked.confirmationText().contains("To rotate the SCIM token"), revoked.confirmationText());
        phone.approve(OWNER, pendingVerification(), revoked.numberToTypeOnThePhone()).statusCode(200);
        revoked.awaitTokenDialog();
        assertTrue(revoked.tokenDialogText().contains("This is the new token. The previous token no longer works."),
                revoked.tokenDialogText());
        String generated = revoked.copyToken();
        revoked.closeTokenDialog();
        Flows.introspect(generated).body("active", equalTo(true));
        Flows.introspect(first).body("active", equalTo(false));
        browser.waitFor(driver -> revoked.tokenActions().equals(List.of("View Token", "Rotate token", "Revoke token")));
    }

    @Test
    void aUserWithoutAnAdministrativeRoleIsToldWhyNothingIsShown() {
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE,
                TestTokens.jwt("erin", WORKSPACE, "user"));

        assertFalse(console.offers("View Token"));
        assertTrue(console.text().contains("Only workspace owners, super admins and admins can see the Directory Sync"
                + " settings."));
    }

    @Test
    void anOwnerRotatesWithAGracePeriodAndSeesWhenThePreviousTokenStops() {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        String previous = Flows.approvedReveal(OWNER, WORKSPACE, phone).statusCode(200).extract().path("token");
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);

        console.startRotation();
        assertEquals("Error: Choose how long the current token keeps working.",
                console.continueRotationWithoutChoosing());
        browser.assertAccessible("the rotate dialog asks for a grace period");
        console.chooseGracePeriod("1 day");
        assertTrue(console.confirmationText().contains("To rotate the SCIM token"));
        phone.approve(OWNER, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);

        console.awaitTokenDialog();
        assertTrue(console.tokenDialogText().contains("This is the new token. The previous token keeps working until "),
                console.tokenDialogText());
        String rotated = console.copyToken();
        console.closeTokenDialog();
        assertNotEquals(previous, rotated);
        Flows.introspect(rotated).body("active", equalTo(true));
        Flows.introspect(previous).body("active", equalTo(true));
        Instant previousStops = Instant.parse(given().auth().oauth2(OWNER)
                .when().get("/api/v1/workspaces/" + WORKSPACE + "/scim-token")
                .then().extract().path("previous.expiresAt"));
        assertTrue(Duration.between(Instant.now(), previousStops).compareTo(Duration.ofHours(23)) > 0);
        assertTrue(console.fact("Previous token").contains("keeps working until"), console.fact("Previous token"));
    }

    @Test
    void anOwnerRevokesAfterTypingTheWorkspaceId() {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        String token = Flows.approvedReveal(OWNER, WORKSPACE, phone).statusCode(200).extract().path("token");
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);

        console.startRevocation();
        console.confirmRevocation("acm");
        assertEquals("Error: Type acme exactly to confirm.", console.revocationError());
        browser.assertAccessible("the revoke dialog shows an error");
        console.confirmRevocation(WORKSPACE);
        assertTrue(console.confirmationText().contains("To revoke the SCIM token"));
        phone.approve(OWNER, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);

        assertEquals("The token was revoked: it no longer works.", console.announcement());
        Flows.introspect(token).body("active", equalTo(false));
        browser.waitFor(driver -> console.auditEvents().stream().anyMatch(row -> row.contains("Token revoked")));
    }

    @Test
    void theAuditLogShowsTheNewestEventsFirstAndLoadsMoreThroughTheCursor() throws SQLException {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        for (int reveal = 0; reveal < 7; reveal++) {
            Flows.approvedReveal(OWNER, WORKSPACE, phone).statusCode(200);
        }
        long events = (Long) database.queryValue("select count(*) from audit_event where workspace_id = ?", WORKSPACE);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);

        List<String> newest = console.auditEvents();
        assertEquals(20, newest.size());
        assertTrue(newest.get(0).contains("Token viewed"), newest.get(0));
        console.loadMoreAuditEvents();
        List<String> all = console.auditEvents();
        assertEquals(events, all.size());
        assertEquals(newest, all.subList(0, 20));
        assertTrue(all.get(all.size() - 1).contains("Phone enrolled"), all.get(all.size() - 1));
        assertFalse(console.offers("Load more"));
    }

    @Test
    void theAuditLogReadsInWordsWithTheExactValuesInATitleAndShowsOneKind() throws SQLException {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        Flows.approvedReveal(OWNER, WORKSPACE, phone).statusCode(200);
        String verification = database.queryValue("select id from verification where status = 'APPROVED'").toString();
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);

        List<String> rows = console.auditEvents();
        assertEquals(database.queryValue("select count(*) from audit_event"), (long) rows.size(), rows.toString());
        assertTrue(rows.stream().anyMatch(row -> row.contains("Token viewed") && row.contains("alice")), rows.toString());
        assertTrue(rows.stream().anyMatch(row -> row.contains("Verification approved") && row.contains("to view the token")
                && row.contains("by phone")), rows.toString());
        assertTrue(rows.stream().anyMatch(row -> row.contains("Phone enrolled") && row.contains("“Test phone”")),
                rows.toString());
        String visible = String.join("\n", rows);
        assertFalse(visible.matches("(?s).*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}.*"),
                "no ids in the visible text: " + visible);
        assertFalse(visible.matches("(?s).*\\d:\\d\\d:\\d\\d\\.\\d+.*"), "no fractions of seconds: " + visible);
        assertTrue(console.auditEventTitles().stream().anyMatch(title -> title.contains("verificationId: " + verification)),
                console.auditEventTitles().toString());
        browser.assertAccessible("the audit log in words");

        console.showAuditEvents("Sign-in methods");
        assertEquals(1, console.auditEvents().size(), console.auditEvents().toString());
        assertTrue(console.auditEvents().get(0).contains("Phone enrolled"));
        console.showAuditEvents("Token");
        List<String> token = console.auditEvents();
        assertEquals(2, token.size(), token.toString());
        assertTrue(token.stream().anyMatch(row -> row.contains("Token viewed"))
                && token.stream().anyMatch(row -> row.contains("Token created")), token.toString());
        console.showAuditEvents("All events");
        assertEquals(rows, console.auditEvents());
    }

    @Test
    void datesFollowTheBrowsersLocale() {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        Flows.approvedReveal(OWNER, WORKSPACE, phone).statusCode(200);
        ConsolePage english = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        assertTrue(english.fact("Created").matches("[A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}\\s[AP]M by alice"),
                english.fact("Created"));
        browser.emulateLocale("de-DE");
        try {
            ConsolePage german = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
            assertTrue(german.fact("Created").matches("\\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2} by alice"),
                    german.fact("Created"));
        } finally {
            browser.emulateLocale(null);
        }
    }

    @Test
    void theHostOverridesAnyMessageByKey() {
        TestPhone.enrolledFor(OWNER);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER, Map.of("messages",
                Map.of("viewToken", "Reveal the SCIM key", "noTokenYet", "Nothing issued yet.",
                        "confirmIdentity", "Prove it is you", "auditLog", "Activity")));
        assertFalse(console.offers("View Token"));
        assertEquals("Nothing issued yet.", console.fact("Token"));
        assertEquals("Activity", browser.waitFor(driver -> Accessible.named(driver, "table", "Activity")
                .map(table -> table.getAccessibleName()).orElse(null)));
        Accessible.named(browser.driver(), "button", "Reveal the SCIM key").orElseThrow().click();
        browser.waitFor(driver -> Accessible.named(driver, "dialog", "Prove it is you").orElse(null));
        browser.assertAccessible("the host's messages");
    }

    @Test
    void signInMethodsListThePhonesAndOneIsRemovedThroughTheConfirmDialog() throws SQLException {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        new TestPhone().enroll(OWNER, Flows.approvedFactorChange(OWNER, WORKSPACE, phone), "Alice's old phone")
                .statusCode(201);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        List<String> phones = console.phones();
        assertEquals(2, phones.size(), phones.toString());
        assertTrue(phones.get(0).startsWith("Test phone added "), phones.get(0));
        assertTrue(phones.get(1).startsWith("Alice's old phone added ") && phones.get(1).contains("not used yet"),
                phones.get(1));
        browser.assertAccessible("the sign-in methods list two phones");
        browser.screenshot("console-sign-in-methods");

        console.removePhone("Alice's old phone");
        assertEquals(List.of(), console.confirmationWays(), "a phone-only user is offered the phone alone: no "
                + "authenticator code, no recovery code, and email does not confirm a change of sign-in methods");
        assertTrue(console.confirmationText().contains("To change how you confirm it is you, approve the request on "
                + "your phone."), console.confirmationText());
        phone.approve(OWNER, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);

        assertEquals("Phone \"Alice's old phone\" removed. It can no longer approve requests.",
                console.signInMethodsAnnouncement());
        assertEquals(1, console.phones().size());
        assertEquals("Phones", console.focused(), "the list's heading takes the focus of Remove");
        assertEquals("Test phone", database.queryValue("select string_agg(name, ',') from device where user_id = 'alice'"));
        browser.waitFor(driver -> console.auditEvents().stream().anyMatch(row -> row.contains("Phone removed")));
        browser.assertAccessible("a phone was removed");
    }

    @Test
    void anAuthenticatorAppIsSetUpFromTheScannedQrCodeTurnedOnAndRemoved() throws SQLException {
        String carol = TestTokens.jwt("carol", WORKSPACE, "super_admin");
        TestPhone phone = TestPhone.enrolledFor(carol);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, carol);
        console.pressInMethod("Authenticator app", "Set up an authenticator app");
        phone.approve(carol, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);

        String scanned = browser.scanQrCode(console.authenticatorQrCode(), "authenticator-qr-code");
        String secret = console.authenticatorSecret();
        assertEquals("otpauth://totp/SCIM%20Token%20Service:carol%40example.test?secret=" + secret
                + "&issuer=SCIM%20Token%20Service&algorithm=SHA1&digits=6&period=30", scanned);
        browser.assertAccessible("the authenticator app's QR code is shown");
        browser.screenshot("console-authenticator-app-qr-code");
        TestAuthenticator app = TestAuthenticator.withSecret(secret, clock);

        console.turnOnAuthenticator(app.wrongCode());
        assertEquals("The 6-digit code your app shows for this service. Error: That code is not right. Type the code "
                + "your app shows now for this service.", console.methodFieldDescription("Authenticator app",
                "Authenticator code"));
        console.turnOnAuthenticator(app.code());
        assertEquals("Your authenticator app is on. When you are asked to confirm it is you, type the code it shows.",
                console.signInMethodsAnnouncement());
        assertTrue(console.methodOffers("Authenticator app", "Remove authenticator app"));
        assertFalse(console.methodText("Authenticator app").contains(secret), "the secret leaves the page");
        browser.assertAccessible("the authenticator app is on");

        clock.advance(Duration.ofSeconds(30));
        console.pressInMethod("Authenticator app", "Remove authenticator app");
        List<String> ways = console.confirmationWays();
        assertTrue(ways.contains("Authenticator code") && !ways.contains("Use a recovery code"), ways.toString());
        console.confirmWithAuthenticatorCode(app.code());
        assertEquals("Authenticator app removed. Its codes no longer work.", console.signInMethodsAnnouncement());
        assertTrue(console.methodOffers("Authenticator app", "Set up an authenticator app"));
        assertEquals(0L, database.queryValue("select count(*) from totp_factor where user_id = 'carol'"));
        assertEquals("totp manage_factors, push manage_factors", database.queryValue("select string_agg(lower(method) "
                + "|| ' ' || lower(action), ', ' order by created_at desc) from verification where status = 'APPROVED'"));
    }

    @Test
    void recoveryCodesAreShownOnceCopiedAndDownloadedAndOneRemovesALostPhone(@TempDir Path downloads)
            throws Exception {
        TestPhone lost = TestPhone.enrolledFor(OWNER);
        new TestPhone().enroll(OWNER, Flows.approvedFactorChange(OWNER, WORKSPACE, lost), "Alice's new phone")
                .statusCode(201);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        assertTrue(console.methodText("Recovery codes").contains("You have none yet."));
        console.pressInMethod("Recovery codes", "Generate recovery codes");
        lost.approve(OWNER, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);

        List<String> codes = console.recoveryCodes();
        assertEquals(10, codes.size(), codes.toString());
        assertTrue(codes.stream().allMatch(code -> code.matches("[a-z0-9]{4}-[a-z0-9]{4}")), codes.toString());
        browser.assertAccessible("the recovery codes are shown once");
        browser.screenshot("console-recovery-codes");
        String copied = console.copyRecoveryCodes();
        assertTrue(copied.contains(String.join("\n", codes)), copied);
        browser.allowDownloadsInto(downloads);
        assertEquals("Downloaded as scim-token-recovery-codes.txt", console.downloadRecoveryCodes());
        Path file = downloads.resolve("scim-token-recovery-codes.txt");
        browser.waitFor(driver -> Files.exists(file));
        assertEquals(copied, Files.readString(file));
        console.closeRecoveryCodes();
        assertTrue(console.awaitMethodText("Recovery codes", "10 recovery codes left (made "));
        browser.assertNothingKeeps(codes.get(0));
        console.viewToken();
        assertEquals(List.of("Email me a code"), console.confirmationWays(), "a recovery code never reveals a token");
        console.cancelConfirmation();

        console.removePhone("Test phone");
        assertEquals(List.of("Use a recovery code"), console.confirmationWays());
        browser.assertAccessible("the confirm dialog offers a recovery code");
        console.confirmWithRecoveryCode("zzzz-zzzz");
        assertEquals("One of the recovery codes you saved, such as 7hq2-m9xk. Each works once. Error: That recovery "
                + "code is not right or was already used. 4 attempts left.", console.recoveryCodeDescription());
        browser.assertAccessible("the recovery code field shows an error");
        console.confirmWithRecoveryCode(codes.get(0));

        assertEquals("Phone \"Test phone\" removed. It can no longer approve requests.",
                console.signInMethodsAnnouncement());
        assertEquals("Alice's new phone", database.queryValue(
                "select string_agg(name, ',') from device where user_id = 'alice'"));
        assertTrue(console.awaitMethodText("Recovery codes", "9 recovery codes left (made "));
        assertEquals(1L, database.queryValue("select count(*) from verification where status = 'APPROVED' and "
                + "method = 'RECOVERY_CODE' and action = 'MANAGE_FACTORS'"));
    }

    @Test
    void theHostsAccentAndFontSetOnAnAncestorReachTheConsoleAndTheDarkSchemeStaysReadable() {
        TestPhone.enrolledFor(OWNER);
        ConsolePage plain = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        assertEquals("rgba(10, 88, 202, 1)", plain.buttonStyle("View Token", "background-color"));

        ConsolePage themed = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER, Map.of("theme",
                Map.of("--scim-accent", "rgb(111, 66, 193)", "--scim-font", "Georgia, serif")));
        assertEquals("rgba(111, 66, 193, 1)", themed.buttonStyle("View Token", "background-color"),
                "--scim-accent on an ancestor of the mount element colours the primary button");
        assertEquals("Georgia, serif", themed.buttonStyle("View Token", "font-family"));
        assertEquals("Georgia, serif", themed.panelStyle("font-family"));
        browser.assertAccessible("the host's accent and font");
        browser.screenshot("console-themed");

        browser.emulateColorScheme("dark");
        try {
            ConsolePage dark = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
            assertEquals("rgba(13, 17, 23, 1)", dark.panelStyle("background-color"));
            assertEquals("rgba(230, 237, 243, 1)", dark.panelStyle("color"));
            assertEquals("rgba(37, 99, 235, 1)", dark.buttonStyle("View Token", "background-color"));
            browser.assertAccessible("the dark scheme");
            browser.screenshot("console-dark");
            dark.viewToken();
            dark.numberToTypeOnThePhone();
            browser.assertAccessible("Confirm in the dark scheme");
            browser.screenshot("console-dark-confirm");
            dark.cancelConfirmation();
        } finally {
            browser.emulateColorScheme(null);
        }
    }

    /** From 320 px wide up every state of the console fits: no sideways scrolling, every dialog in the viewport. */
    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({ "320, 640, phone-320", "390, 844, phone-390", "1280, 900, desktop" })
    void everyStateFitsTheScreenFrom320PixelsWide(int width, int height, String screen) {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        Flows.approvedReveal(OWNER, WORKSPACE, phone).statusCode(200);
        browser.emulateViewport(width, height);
        try {
            ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
            console.auditEvents();
            browser.assertFitsTheViewport("the panel is shown at " + screen);
            browser.screenshot("console-" + screen + "-panel");
            console.showAuditLog();
            browser.assertFitsTheViewport("the audit log is shown at " + screen);
            browser.screenshot("console-" + screen + "-audit-log");

            console.viewToken();
            int number = console.numberToTypeOnThePhone();
            browser.assertFitsTheViewport("Confirm is open at " + screen);
            browser.screenshot("console-" + screen + "-confirm");
            phone.approve(OWNER, pendingVerification(), number).statusCode(200);
            console.awaitTokenDialog();
            console.showToken();
            browser.assertFitsTheViewport("Show Token shows the token at " + screen);
            browser.assertAccessible("Show Token shows the token at " + screen);
            browser.screenshot("console-" + screen + "-show-token");
            console.closeTokenDialog();

            console.startRotation();
            browser.assertFitsTheViewport("Rotate is open at " + screen);
            browser.screenshot("console-" + screen + "-rotate");
            console.cancel(ConsolePage.ROTATE);

            console.startRevocation();
            browser.assertFitsTheViewport("Revoke is open at " + screen);
            browser.screenshot("console-" + screen + "-revoke");
            console.cancel(ConsolePage.REVOKE);
        } finally {
            browser.resetViewport();
        }
    }

    @Test
    void withoutTheScimUrlSettingTheOAuthClientsSayToUseTheScimServersUrl() {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        given().auth().oauth2(OWNER).contentType("application/json")
                .body(Map.of("name", "Okta", "verificationId", Flows.approved(OWNER, WORKSPACE, phone, "manage_clients")))
                .when().post("/api/v1/workspaces/" + WORKSPACE + "/scim-clients").then().statusCode(201);
        ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        OAuthClientsPage clients = new OAuthClientsPage(browser);

        assertEquals("Use your SCIM server's URL, where the identity provider sends users and groups.",
                clients.value("Okta", "SCIM URL (Tenant URL)"));
        assertTrue(clients.value("Okta", "Token URL").matches("http://localhost:\\d+/oauth2/token"),
                clients.value("Okta", "Token URL"));
        assertFalse(clients.buttons().contains("Copy SCIM URL (Tenant URL)"), "nothing to copy");
        assertTrue(clients.buttons().contains("Copy Token URL"));
    }

    /** The id of the one pending verification. */
    private String pendingVerification() {
        return browser.waitFor(driver -> {
            try {
                Object id = database.queryValue("select id from verification where status = 'PENDING'");
                return id == null ? null : id.toString();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long countOf(String status) {
        try {
            return (Long) database.queryValue("select count(*) from verification where status = ?", status);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
