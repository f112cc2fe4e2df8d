package com.cerby.scimtoken.common.problem;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A domain failure that the API answers with a problem of the given type. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final Duration retryAfter;
    private final List<Problem.FieldError> errors;
    private final Integer attemptsRemaining;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null, null, null);
    }

    /** A failure the caller may retry after the given time, sent as {@code Retry-After}. */
    public ProblemException(ProblemType type, String detail, Duration retryAfter) {
        this(type, detail, retryAfter, null, null);
    }

    private ProblemException(ProblemType type, String detail, Duration retryAfter, List<Problem.FieldError> errors,
            Integer attemptsRemaining) {
        super(detail, null, false, false);
        this.type = type;
        this.retryAfter = retryAfter;
        this.errors = errors;
        this.attemptsRemaining = attemptsRemaining;
    }

    /** A {@code validation_failed} problem about one field that bean validation cannot judge. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "One or more fields are invalid.", null,
                List.of(new Problem.FieldError(field, message)), null);
    }

    /** A wrong verification code, with how many tries the verification has left. */
    public static ProblemException invalidCode(String detail, Integer attemptsRemaining) {
        return failedAttempt(ProblemType.INVALID_CODE, detail, attemptsRemaining);
    }

    /** A failed attempt at a verification (a wrong code, a refused passkey), with the tries it has left. */
    public static ProblemException failedAttempt(ProblemType type, String detail, Integer attemptsRemaining) {
        return new ProblemException(type, detail, null, null, attemptsRemaining);
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    Problem toProblem(String instance) {
        return Problem.of(type, getMessage(), instance).withErrors(errors).withAttemptsRemaining(attemptsRemaining);
    }
}
