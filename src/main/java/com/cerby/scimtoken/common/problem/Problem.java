package com.cerby.scimtoken.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document with the service's {@code code} extension member, field {@code errors} for
 * validation failures and {@code attemptsRemaining} for a wrong verification code.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String code,
        List<FieldError> errors, Integer attemptsRemaining) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type.typeUri(), type.title(), type.status(), detail, instance, type.code(), null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, code, fieldErrors, attemptsRemaining);
    }

    public Problem withAttemptsRemaining(Integer remaining) {
        return new Problem(type, title, status, detail, instance, code, errors, remaining);
    }
}
