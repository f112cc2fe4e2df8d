package com.cerby.scimtoken.console;

import static com.cerby.scimtoken.console.ConsolePage.CONFIRM;
import static com.cerby.scimtoken.console.OAuthClientsPage.ADD_SECRET;
import static com.cerby.scimtoken.console.OAuthClientsPage.CREATE;
import static com.cerby.scimtoken.console.OAuthClientsPage.DELETE_CLIENT;
import static com.cerby.scimtoken.console.OAuthClientsPage.NEW_SECRET;
import static com.cerby.scimtoken.console.OAuthClientsPage.REVOKE_SECRET;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The console's "OAuth clients" in a real headless Chromium, embedded by the test's host page: an owner creates a
 * client, adds a secret that is shown once and that the token endpoint then accepts, rotates it without downtime,
 * adds a federated credential with the Microsoft Entra ID preset and deletes the client; an admin only looks. The
 * SCIM URL is set (scim-token.oauth.scim-url), so every value to paste into Entra is shown.
 */
@QuarkusTest
@TestProfile(ConsoleOAuthClientsTest.WithScimUrl.class)
class ConsoleOAuthClientsTest extends DatabaseTest {

    public static class WithScimUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scim-token.oauth.scim-url", SCIM_URL);
        }
    }

    static final String SCIM_URL = "https://app.example.test/scim/v2";
    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("alice", WORKSPACE, "owner");
    private static final String CLIENTS = "/api/v1/workspaces/" + WORKSPACE + "/scim-clients";
    private static final String ENTRA = "Microsoft Entra ID";
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String OBJECT_ID = "5b0e3c1d-8a4f-4e2b-9c6d-1f2a3b4c5d6e";
    private static final String AUDIENCE = "api://0f4a8c2e-6b1d-4e9f-a3c7-8d2b5e1f9a60";
    private static Browser browser;

    @TestHTTPResource("/console/test-host/index.html")
    URL hostPage;

    private TestPhone phone;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        browser.close();
    }

    @BeforeEach
    void enrollTheOwnersPhone() {
        phone = TestPhone.enrolledFor(OWNER);
    }

    @AfterEach
    void screenshotAndPolicyCheck(TestInfo test) {
        browser.screenshot(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
        browser.assertNoContentSecurityViolations();
    }

    @Test
    void anOwnerCreatesAClientAndItsSecretIsShownOnceCopiedAndAcceptedByTheTokenEndpoint() throws SQLException {
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        OAuthClientsPage clients = new OAuthClientsPage(browser);
        assertTrue(clients.text().contains("No OAuth clients yet."), clients.text());
        assertEquals(List.of("Create client"), clients.buttons());
        browser.assertAccessible("an owner sees no OAuth clients yet");

        clients.startCreating();
        clients.nameTheClient("   ");
        assertEquals("How the list names it, such as \"Microsoft Entra ID\". Error: Enter a name for the client.",
                clients.fieldError(CREATE, "Name"));
        browser.assertAccessible("Create an OAuth client shows an error");
        clients.nameTheClient(ENTRA);
        assertTrue(console.confirmationText().contains("To change the OAuth clients for provisioning, approve the "
                + "request on your phone."), console.confirmationText());
        phone.approve(OWNER, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);

        assertEquals("OAuth client \"Microsoft Entra ID\" created. Add a secret or a federated credential next.",
                clients.announcement());
        assertEquals(ENTRA, console.focused(), "the new client's heading takes the focus");
        String clientId = database.queryValue("select id from oauth_client where name = ?", ENTRA).toString();
        assertEquals(clientId, clients.value(ENTRA, "Client ID"));
        String tokenUrl = given().when().get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .extract().path("token_endpoint");
        assertEquals(tokenUrl, clients.value(ENTRA, "Token URL"));
        assertEquals(SCIM_URL, clients.value(ENTRA, "SCIM URL (Tenant URL)"));
        assertEquals(clientId, clients.copyValue(ENTRA, "Client ID"));
        assertEquals(tokenUrl, clients.copyValue(ENTRA, "Token URL"));
        assertEquals(SCIM_URL, clients.copyValue(ENTRA, "SCIM URL (Tenant URL)"));
        assertEquals(List.of(), clients.secrets(ENTRA));
        browser.assertAccessible("a client without secrets");

        clients.addSecret(ENTRA, "1096");
        assertEquals("1 to 1095 days (three years). Leave it empty for a secret that does not expire. Error: Enter a "
                + "number of days from 1 to 1095, or leave it empty.", clients.fieldError(ADD_SECRET,
                "Expires after (days)"));
        clients.retypeSecretDays("30");
        phone.approve(OWNER, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);

        clients.secretDialog();
        console.awaitClosed(CONFIRM);
        assertTrue(clients.secretIsMasked());
        assertTrue(clients.secretDialog().getText().contains("This is the only time it is shown"),
                clients.secretDialog().getText());
        String copied = clients.copySecret();
        assertTrue(copied.matches("scimcs_[A-Za-z0-9_]+"), "the clipboard holds exactly the secret: " + copied);
        assertEquals(copied, clients.showSecret());
        browser.assertAccessible("the new client secret is shown");
        browser.screenshot("console-oauth-client-secret");
        clients.closeSecret();
        browser.assertNothingKeeps(copied);

        String hint = "scimcs_…" + copied.substring(copied.length() - 4);
        assertEquals("Secret " + hint + " added.", clients.announcement());
        List<String> secrets = clients.secrets(ENTRA);
        assertEquals(1, secrets.size(), secrets.toString());
        assertTrue(secrets.get(0).startsWith(hint + " added ") && secrets.get(0).contains(", expires "),
                secrets.get(0));
        tokenWithBasic(clientId, copied).statusCode(200).body("access_token", notNullValue())
                .body("token_type", equalTo("Bearer"));
        browser.waitFor(driver -> console.auditEvents().stream().anyMatch(row -> row.contains("Client secret added")
                && row.contains(hint)));
        browser.assertAccessible("an owner sees a client with a secret");
        console.showAuditEvents("OAuth clients");
        List<String> events = console.auditEvents();
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).contains("Client secret added") && events.get(1).contains("OAuth client created")
                && events.get(1).contains("“Microsoft Entra ID”"), events.toString());
        assertFalse(String.join("\n", events).contains(copied), "the secret is never in the audit log");
    }

    @Test
    void aSecretIsRotatedWithoutDowntimeByAddingASecondAndRevokingTheFirst() {
        String clientId = createdClient(ENTRA);
        String first = addedSecret(clientId);
        String firstHint = "scimcs_…" + first.substring(first.length() - 4);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        OAuthClientsPage clients = new OAuthClientsPage(browser);

        clients.addSecret(ENTRA, "");
        phone.approve(OWNER, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);
        assertTrue(clients.secretDialog().getText().contains("The client now has two secrets, and both work."),
                clients.secretDialog().getText());
        String second = clients.copySecret();
        clients.closeSecret();
        String secondHint = "scimcs_…" + second.substring(second.length() - 4);
        browser.waitFor(driver -> clients.secrets(ENTRA).size() == 2);
        assertTrue(clients.secrets(ENTRA).get(1).startsWith(secondHint + " added ")
                && clients.secrets(ENTRA).get(1).endsWith("does not expire"), clients.secrets(ENTRA).toString());
        assertFalse(clients.offers(ENTRA, "Secrets", "Add secret"), "at most two active secrets");
        assertTrue(clients.text().contains("A client has at most two active secrets."));
        tokenWithBasic(clientId, first).statusCode(200);
        tokenWithBasic(clientId, second).statusCode(200);

        String asked = clients.startRevoking(ENTRA, firstHint);
        assertTrue(asked.contains("Secret " + firstHint + " stops working at once")
                && asked.contains("The other secret, " + secondHint + ", keeps working."), asked);
        browser.assertAccessible("Revoke secret asks");
        clients.confirm(REVOKE_SECRET, "Revoke");
        phone.approve(OWNER, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);

        assertEquals("Secret " + firstHint + " revoked: it no longer works.", clients.announcement());
        assertEquals(1, clients.secrets(ENTRA).size());
        assertTrue(clients.secrets(ENTRA).get(0).startsWith(secondHint), clients.secrets(ENTRA).toString());
        assertTrue(clients.offers(ENTRA, "Secrets", "Add secret"));
        tokenWithBasic(clientId, first).statusCode(401).body("error", equalTo("invalid_client"));
        tokenWithBasic(clientId, second).statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void cancellingTheConfirmationChangesNothingAndDeletingTheClientStopsItsSecret() throws SQLException {
        String clientId = createdClient(ENTRA);
        String secret = addedSecret(clientId);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        OAuthClientsPage clients = new OAuthClientsPage(browser);

        String asked = clients.startDeleting(ENTRA);
        assertTrue(asked.contains("\"Microsoft Entra ID\" and its secrets and federated credentials stop working at "
                + "once"), asked);
        browser.assertAccessible("Delete OAuth client asks");
        clients.confirm(DELETE_CLIENT, "Delete client");
        console.numberToTypeOnThePhone();
        console.cancelConfirmation();
        assertEquals(1L, database.queryValue("select count(*) from oauth_client"));
        clients.client(ENTRA);

        clients.startDeleting(ENTRA);
        clients.confirm(DELETE_CLIENT, "Delete client");
        phone.approve(OWNER, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);
        assertEquals("OAuth client \"Microsoft Entra ID\" deleted.", clients.announcement());
        assertEquals("OAuth clients", console.focused(), "the section's heading takes the focus of the deleted client");
        assertTrue(clients.text().contains("No OAuth clients yet."), clients.text());
        assertEquals(0L, database.queryValue("select count(*) from oauth_client"));
        tokenWithBasic(clientId, secret).statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void theEntraPresetFillsInTheIssuerAndTheJwksUrlFromTheTenantIdAndACustomIssuerIsTakenAsTyped() {
        createdClient(ENTRA);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        OAuthClientsPage clients = new OAuthClientsPage(browser);
        assertEquals(List.of(), clients.federatedCredentials(ENTRA));

        clients.startAddingFederatedCredential(ENTRA);
        assertEquals("appears when you enter the tenant ID", clients.derived("Issuer"));
        clients.continueFederated();
        assertEquals("Your Microsoft Entra tenant's ID, such as 72f988bf-86f1-41af-91ab-2d7cd011db47. Error: Enter the "
                + "tenant ID, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47.",
                clients.fieldError(OAuthClientsPage.ADD_FEDERATED, "Tenant ID"));
        browser.assertAccessible("the Entra preset shows errors");
        clients.typeInFederated("Tenant ID", TENANT.toUpperCase());
        assertEquals("https://login.microsoftonline.com/" + TENANT + "/v2.0", clients.derived("Issuer"));
        assertEquals("https://login.microsoftonline.com/" + TENANT + "/discovery/v2.0/keys",
                clients.derived("JWKS URL"));
        browser.assertAccessible("the Entra preset shows the derived issuer");
        browser.screenshot("console-federated-credential-entra");

        clients.choosePreset("Custom issuer");
        clients.typeInFederated("Issuer URL", "issuer.example.com");
        clients.continueFederated();
        assertTrue(clients.fieldError(OAuthClientsPage.ADD_FEDERATED, "Issuer URL")
                .endsWith("Error: Enter the issuer's URL, starting with https://."));
        assertTrue(clients.fieldError(OAuthClientsPage.ADD_FEDERATED, "Subject").endsWith("Error: Enter the subject."));
        browser.assertAccessible("the custom issuer shows errors");
        assertEquals(0L, countOfVerifications(), "nothing was asked of the phone");

        clients.typeInFederated("Issuer URL", "https://issuer.example.com");
        clients.typeInFederated("Subject", "provisioning-workload");
        clients.continueFederated();
        phone.approve(OWNER, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);
        assertEquals("Federated credential for https://issuer.example.com added.", clients.announcement());
        List<String> credentials = clients.federatedCredentials(ENTRA);
        assertEquals(1, credentials.size(), credentials.toString());
        assertTrue(credentials.get(0).contains("https://issuer.example.com")
                && credentials.get(0).contains("provisioning-workload") && credentials.get(0).contains("the token URL")
                && !credentials.get(0).contains("JWKS URL"), credentials.get(0));
    }

    @Test
    void aFederatedCredentialAddedWithTheEntraPresetIsListedWithTheDerivedIssuerAndRemoved() {
        String clientId = createdClient(ENTRA);
        addedSecret(clientId);
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
        OAuthClientsPage clients = new OAuthClientsPage(browser);
        String issuer = "https://login.microsoftonline.com/" + TENANT + "/v2.0";
        String jwksUri = "https://login.microsoftonline.com/" + TENANT + "/discovery/v2.0/keys";

        clients.startAddingFederatedCredential(ENTRA);
        clients.typeInFederated("Tenant ID", TENANT);
        clients.typeInFederated("Object ID of the provisioning workload", OBJECT_ID);
        clients.typeInFederated("Audience (optional)", AUDIENCE);
        clients.continueFederated();
        assertTrue(console.confirmationText().contains("To change the OAuth clients for provisioning"));
        phone.approve(OWNER, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);

        assertEquals("Federated credential for " + issuer + " added.", clients.announcement());
        List<String> credentials = clients.federatedCredentials(ENTRA);
        assertEquals(1, credentials.size(), credentials.toString());
        assertTrue(credentials.get(0).contains(issuer) && credentials.get(0).contains(OBJECT_ID)
                && credentials.get(0).contains(AUDIENCE) && credentials.get(0).contains(jwksUri), credentials.get(0));
        given().auth().oauth2(OWNER).when().get(CLIENTS).then().statusCode(200)
                .body("items[0].federatedCredentials[0].issuer", equalTo(issuer))
                .body("items[0].federatedCredentials[0].subject", equalTo(OBJECT_ID))
                .body("items[0].federatedCredentials[0].audience", equalTo(AUDIENCE))
                .body("items[0].federatedCredentials[0].jwksUri", equalTo(jwksUri));
        browser.assertAccessible("a client with a secret and a federated credential");
        browser.emulateViewport(1200, 1150);
        try {
            clients.scrollTo(ENTRA);
            browser.assertFitsTheViewport("a client with a secret and a federated credential is shown");
            browser.screenshot("console-oauth-clients");
        } finally {
            browser.resetViewport();
        }

        String asked = clients.startRemovingFederatedCredential(ENTRA, issuer, OBJECT_ID);
        assertTrue(asked.contains("Tokens signed by " + issuer + " for " + OBJECT_ID + " no longer get access tokens"),
                asked);
        clients.confirm(OAuthClientsPage.REMOVE_FEDERATED, "Remove");
        phone.approve(OWNER, pendingVerification(), console.numberToTypeOnThePhone()).statusCode(200);
        assertEquals("Federated credential for " + issuer + " removed.", clients.announcement());
        assertEquals(List.of(), clients.federatedCredentials(ENTRA));
        given().auth().oauth2(OWNER).when().get(CLIENTS).then().statusCode(200)
                .body("items[0].federatedCredentials.size()", equalTo(0));
    }

    @Test
    void anAdminSeesTheClientsAndTheValuesToPasteButNoChange() {
        String clientId = createdClient(ENTRA);
        addedSecret(clientId);
        String admin = TestTokens.jwt("dave", WORKSPACE, "admin");
        ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, admin);
        OAuthClientsPage clients = new OAuthClientsPage(browser);

        assertEquals(clientId, clients.value(ENTRA, "Client ID"));
        assertEquals(1, clients.secrets(ENTRA).size());
        assertEquals(List.of("Copy Client ID", "Copy Token URL", "Copy SCIM URL (Tenant URL)"), clients.buttons(),
                "an admin may copy the values, and change nothing");
        assertTrue(clients.text().contains("Only workspace owners can create and change OAuth clients."));
        assertFalse(console.text().contains("null"), "nothing missing is written out: " + console.text());
        browser.assertAccessible("an admin sees the OAuth clients");
    }

    @Test
    void aSuperAdminMayNotChangeClientsEither() {
        createdClient(ENTRA);
        ConsolePage.inHostPage(browser, hostPage, WORKSPACE, TestTokens.jwt("carol", WORKSPACE, "super_admin"));
        OAuthClientsPage clients = new OAuthClientsPage(browser);
        clients.client(ENTRA);
        assertFalse(clients.buttons().contains("Create client"));
        assertFalse(clients.buttons().stream().anyMatch(name -> name.startsWith("Delete client")));
    }

    @Test
    void theOAuthClientsFitA320PixelScreenAndReadInTheDarkScheme() {
        String clientId = createdClient(ENTRA);
        addedSecret(clientId);
        addedSecret(clientId);
        browser.emulateViewport(320, 640);
        try {
            ConsolePage console = ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
            OAuthClientsPage clients = new OAuthClientsPage(browser);
            clients.scrollTo(ENTRA);
            browser.assertFitsTheViewport("a client with two secrets is shown at 320 px");
            browser.screenshot("console-phone-320-oauth-clients");

            clients.startCreating();
            browser.assertFitsTheViewport("Create an OAuth client is open at 320 px");
            clients.cancel(CREATE);
            clients.startAddingFederatedCredential(ENTRA);
            clients.typeInFederated("Tenant ID", TENANT);
            browser.assertFitsTheViewport("Add a federated credential is open at 320 px");
            browser.screenshot("console-phone-320-federated-credential");
            clients.cancel(OAuthClientsPage.ADD_FEDERATED);
            clients.startRevoking(ENTRA, clients.secrets(ENTRA).get(0).split(" ")[0]);
            browser.assertFitsTheViewport("Revoke secret is open at 320 px");
            clients.cancel(REVOKE_SECRET);
            clients.startDeleting(ENTRA);
            browser.assertFitsTheViewport("Delete OAuth client is open at 320 px");
            clients.cancel(DELETE_CLIENT);
            console.fact("Token");
        } finally {
            browser.resetViewport();
        }

        browser.emulateColorScheme("dark");
        try {
            ConsolePage.inHostPage(browser, hostPage, WORKSPACE, OWNER);
            OAuthClientsPage clients = new OAuthClientsPage(browser);
            clients.scrollTo(ENTRA);
            browser.assertAccessible("the OAuth clients in the dark scheme");
            browser.screenshot("console-dark-oauth-clients");
        } finally {
            browser.emulateColorScheme(null);
        }
    }

    // ---- Helpers -------------------------------------------------------------------------------------------

    private String approval() {
        return Flows.approved(OWNER, WORKSPACE, phone, "manage_clients");
    }

    private String createdClient(String name) {
        return given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("name", name, "verificationId", approval())).when().post(CLIENTS).then()
                .statusCode(201).extract().path("clientId");
    }

    private String addedSecret(String clientId) {
        return given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("verificationId", approval(), "expiresInDays", 365)).when()
                .post(CLIENTS + "/" + clientId + "/secrets").then().statusCode(201).extract().path("clientSecret");
    }

    /** POST /oauth2/token with client_secret_basic, as Microsoft Entra ID sends it. */
    private static ValidatableResponse tokenWithBasic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return given().header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
                .contentType(ContentType.URLENC).formParams(Map.of("grant_type", "client_credentials", "scope", "scim"))
                .when().post("/oauth2/token").then();
    }

    private long countOfVerifications() {
        try {
            return (Long) database.queryValue("select count(*) from verification where status = 'PENDING'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
}
