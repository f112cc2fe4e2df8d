package com.cerby.scimtoken.common.problem;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A domain failure that the API answers with a problem of the given type. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final Duration retryAfter;
    private final List<Problem.FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null, null);
    }

    /** A failure the caller may retry after the given time, sent as {@code Retry-After}. */
    public ProblemException(ProblemType type, String detail, Duration retryAfter) {
        this(type, detail, retryAfter, null);
    }

    private ProblemException(ProblemType type, String detail, Duration retryAfter, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.retryAfter = retryAfter;
        this.errors = errors;
    }

    /** A {@code validation_failed} problem about one field that bean validation cannot judge. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "One or more fields are invalid.", null,
                List.of(new Problem.FieldError(field, message)));
    }

    public List<Problem.FieldError> errors() {
        return errors;
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
}
