package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.Flows.verificationsPath;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With an SMTP server that refuses connections, an email verification is not started at all. */
@QuarkusTest
@TestProfile(EmailNotSentTest.SmtpDown.class)
class EmailNotSentTest extends DatabaseTest {

    public static class SmtpDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.port", "1");
        }
    }

    @Test
    void whenTheMailCannotBeSentNothingIsStarted() throws SQLException {
        assertProblem(start(TestTokens.jwt("alice", "acme", "owner"), "acme", Map.of("method", "email")), 503,
                "email_not_sent", verificationsPath("acme"));

        assertEquals(0L, database.queryValue("select count(*) from verification"));
        assertEquals(0L, database.queryValue("select count(*) from audit_event where type = 'verification.started'"));
    }
}
