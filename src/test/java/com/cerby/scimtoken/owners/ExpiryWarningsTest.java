package com.cerby.scimtoken.owners;

import static com.cerby.scimtoken.support.Flows.approved;
import static com.cerby.scimtoken.support.Flows.approvedReveal;
import static com.cerby.scimtoken.support.Flows.rotate;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.mail.MailCourier;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Mailbox;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.cerby.scimtoken.support.ThirtyDayTokens;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Owners are warned 14, 3 and 1 days before a token with a lifetime expires, once each. */
@QuarkusTest
@TestProfile(ThirtyDayTokens.class)
class ExpiryWarningsTest extends DatabaseTest {

    private static final String OWNER = TestTokens.jwt("olivia", "acme", "owner");

    @Inject
    ExpiryWarnings warnings;

    @Inject
    OwnerContacts contacts;

    @Inject
    MailCourier courier;

    GreenMail smtp;

    private Mailbox mailbox;

    private TestPhone phone;
    private Instant expiresAt;

    @BeforeEach
    void aThirtyDayTokenWhoseOwnerWasSeen() throws Exception {
        phone = TestPhone.enrolledFor(OWNER);
        expiresAt = Instant.parse(approvedReveal(OWNER, "acme", phone).statusCode(200).extract().path("expiresAt"));
        contacts.flush();
        mailbox = new Mailbox(smtp, courier, database, clock);
        mailbox.empty();
    }

    /** Moves the clock to the given time before the expiry, runs the check, and answers the subjects mailed. */
    private List<String> checkAt(Duration beforeExpiry) throws Exception {
        clock.advance(Duration.between(clock.instant(), expiresAt.minus(beforeExpiry)));
        warnings.warnDue();
        return mailbox.subjects();
    }

    @Test
    void ownersAreWarnedFourteenThreeAndOneDayBeforeEachOnce() throws Exception {
        assertEquals(List.of(), checkAt(Duration.ofDays(15)));
        assertEquals(List.of("Your SCIM token expires in 14 days"), checkAt(Duration.ofDays(14).minusMinutes(5)));
        assertEquals(List.of(), checkAt(Duration.ofDays(13)));
        given().auth().oauth2(OWNER).get("/api/v1/workspaces/acme/scim-token").then()
                .body("expiresInDays", equalTo(13));
        assertEquals(List.of("Your SCIM token expires in 3 days"), checkAt(Duration.ofDays(3).minusHours(1)));
        assertEquals(List.of("Your SCIM token expires in 1 day"), checkAt(Duration.ofHours(20)));
        assertEquals(List.of(), checkAt(Duration.ofHours(2)));
        assertEquals(3L, database.queryValue("select count(*) from token_expiry_warning"));
    }

    @Test
    void aCheckThatComesLateSendsOnlyTheNearestWarning() throws Exception {
        assertEquals(List.of("Your SCIM token expires in 3 days"), checkAt(Duration.ofDays(2).plusHours(5)));
        assertEquals(List.of(), checkAt(Duration.ofDays(2)));
    }

    @Test
    void rotatingEndsTheWarningsOfTheOldToken() throws Exception {
        assertEquals(List.of("Your SCIM token expires in 14 days"), checkAt(Duration.ofDays(14)));
        String rotation = approvedNow("rotate");
        rotate(OWNER, "acme", rotation, 86400).statusCode(200);

        assertEquals(List.of(), checkAt(Duration.ofDays(3)));
    }

    private String approvedNow(String action) {
        var started = com.cerby.scimtoken.support.Flows.start(OWNER, "acme", java.util.Map.of("action", action))
                .statusCode(201).extract();
        String id = started.path("id");
        TestPhone.decide(OWNER, id, phone.assertion(id, "approve", started.path("numberChallenge"), clock.instant()))
                .statusCode(200);
        return id;
    }
}
