package com.cerby.scimtoken.factor;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code first-enrollment=open} lets the JWT alone enroll a first factor, and nothing more. */
@QuarkusTest
@TestProfile(OpenFirstEnrollmentTest.Open.class)
class OpenFirstEnrollmentTest extends DatabaseTest {

    public static class Open implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scim-token.factors.first-enrollment", "open");
        }
    }

    @Test
    void aFirstPhoneNeedsNoRecentSignInButASecondOneNeedsStepUp() {
        String withoutAuthTime = TestTokens.jwtWith(claims -> claims.remove("auth_time"), "alice", "acme", "owner");

        TestPhone.enrolledFor(withoutAuthTime);

        assertProblem(new TestPhone().enroll(withoutAuthTime), 403, "step_up_required", "/api/v1/me/devices");
    }
}
