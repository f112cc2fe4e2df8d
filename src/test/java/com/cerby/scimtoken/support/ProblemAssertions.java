package com.cerby.scimtoken.support;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.restassured.response.ValidatableResponse;

/** The shape every error answer must have: RFC 9457 with the service's stable code, and nothing internal. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static ValidatableResponse assertProblem(ValidatableResponse response, int status, String code,
            String instance) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:scim-token-service:problem:" + code))
                .body("code", equalTo(code))
                .body("status", equalTo(status))
                .body("title", not(equalTo(null)))
                .body("detail", not(equalTo(null)))
                .body("instance", equalTo(instance))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }
}
