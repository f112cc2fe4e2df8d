package com.cerby.scimtoken.leak;

import static com.cerby.scimtoken.support.Flows.approved;
import static com.cerby.scimtoken.support.Flows.approvedReveal;
import static com.cerby.scimtoken.support.Flows.introspect;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.mail.MailCourier;
import com.cerby.scimtoken.owners.OwnerContacts;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.GitHubSecretScanning;
import com.cerby.scimtoken.support.Mailbox;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code action=notify}, a reported token keeps working, and its owners are told to rotate it now. */
@QuarkusTest
@TestProfile(NotifyOnlyLeakReportTest.NotifyOnly.class)
class NotifyOnlyLeakReportTest extends DatabaseTest {

    public static class NotifyOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scim-token.leak-reports.action", "notify",
                    "scim-token.owners.notify-emails", "security@example.test");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GitHubSecretScanning.class));
        }
    }

    GitHubSecretScanning github;

    GreenMail smtp;

    @Inject
    OwnerContacts contacts;

    @Inject
    MailCourier courier;

    @Test
    void theTokenKeepsWorkingAndTheOwnersAndTheDeploymentsAddressAreTold() throws Exception {
        String owner = TestTokens.jwt("olivia", "acme", "owner");
        String token = approvedReveal(owner, "acme", TestPhone.enrolledFor(owner)).statusCode(200).extract()
                .path("token");
        contacts.flush();
        Mailbox mailbox = new Mailbox(smtp, courier, database, clock);
        mailbox.empty();
        String body = LeakReportTest.report(token);

        given().contentType("application/json").body(body).header("Github-Public-Key-Identifier", "github-key-1")
                .header("Github-Public-Key-Signature", github.sign(body, "github-key-1"))
                .when().post(LeakReportTest.PATH).then().statusCode(200).body("[0].label", equalTo("true_positive"));

        introspect(token).body("active", equalTo(true));
        assertEquals("notified", database.queryValue("select details->>'action' from audit_event"
                + " where type = 'scim_token.leak_reported'"));
        List<jakarta.mail.internet.MimeMessage> received = mailbox.deliver();
        assertEquals(List.of("olivia@example.test", "security@example.test"), received.stream().map(message -> {
            try {
                return message.getAllRecipients()[0].toString();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toList());
        assertEquals("Your SCIM token was found in public", received.get(0).getSubject());
    }

    @Test
    void aReportedClientSecretKeepsWorkingAndTheOwnersAreToldToReplaceIt() throws Exception {
        String owner = TestTokens.jwt("olivia", "acme", "owner");
        TestPhone phone = TestPhone.enrolledFor(owner);
        String clients = "/api/v1/workspaces/acme/scim-clients";
        String clientId = given().auth().oauth2(owner).contentType("application/json")
                .body(Map.of("name", "Entra ID", "verificationId", approved(owner, "acme", phone, "manage_clients")))
                .when().post(clients).then().statusCode(201).extract().path("clientId");
        String secret = given().auth().oauth2(owner).contentType("application/json")
                .body(Map.of("verificationId", approved(owner, "acme", phone, "manage_clients")))
                .when().post(clients + "/" + clientId + "/secrets").then().statusCode(201).extract()
                .path("clientSecret");
        contacts.flush();
        Mailbox mailbox = new Mailbox(smtp, courier, database, clock);
        mailbox.empty();
        String body = LeakReportTest.report(secret).replace("cerby_scim_token", "cerby_scim_client_secret");

        given().contentType("application/json").body(body).header("Github-Public-Key-Identifier", "github-key-1")
                .header("Github-Public-Key-Signature", github.sign(body, "github-key-1"))
                .when().post(LeakReportTest.PATH).then().statusCode(200).body("[0].label", equalTo("true_positive"));

        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret).when().post("/oauth2/token")
                .then().statusCode(200);
        assertEquals("notified", database.queryValue("select details->>'action' from audit_event"
                + " where type = 'oauth_client.secret_leak_reported'"));
        List<jakarta.mail.internet.MimeMessage> received = mailbox.deliver();
        assertEquals(2, received.size());
        assertEquals("A client secret of your SCIM provisioning was found in public", received.get(0).getSubject());
        assertTrue(Mailbox.text(received.get(0)).contains("It still works."));
    }
}
