package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.support.Flows.poll;
import static com.cerby.scimtoken.support.Flows.startPush;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VerificationSweeperTest extends DatabaseTest {

    private static final String ALICE = TestTokens.jwt("alice", "acme", "owner");

    @Inject
    VerificationSweeper sweeper;

    @Test
    void overdueVerificationsAreWrittenExpiredOnceWithAnAuditEvent() throws SQLException {
        TestPhone.enrolledFor(ALICE);
        Flows.Started overdue = startPush(ALICE, "acme");
        clock.advance(Duration.ofMinutes(4));
        Flows.Started recent = startPush(ALICE, "acme");
        clock.advance(Duration.ofMinutes(1));

        assertEquals(1, sweeper.expireOverdue());
        assertEquals(0, sweeper.expireOverdue());

        assertEquals("EXPIRED", database.queryValue("select status from verification where id = ?",
                UUID.fromString(overdue.id())));
        assertEquals("PENDING", database.queryValue("select status from verification where id = ?",
                UUID.fromString(recent.id())));
        assertEquals("alice", database.queryValue("select actor_id from audit_event where type = 'verification.expired'"
                + " and verification_id = ?", UUID.fromString(overdue.id())));
        poll(ALICE, "acme", overdue.id()).body("status", equalTo("expired"));
    }

    @Test
    void aDecidedVerificationIsNeverExpired() throws SQLException {
        TestPhone phone = TestPhone.enrolledFor(ALICE);
        Flows.Started started = startPush(ALICE, "acme");
        phone.approve(ALICE, started.id(), started.number()).statusCode(200);
        clock.advance(Duration.ofMinutes(10));

        assertEquals(0, sweeper.expireOverdue());
        assertEquals("APPROVED", database.queryValue("select status from verification"));
    }
}
