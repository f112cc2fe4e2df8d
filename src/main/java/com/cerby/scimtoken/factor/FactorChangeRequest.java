package com.cerby.scimtoken.factor;

import com.cerby.scimtoken.common.web.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.UUID;

/** The body of a factor change that carries nothing but its proof: an approved {@code manage_factors} verification. */
public record FactorChangeRequest(
        @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String verificationId) {

    /** The verification's id; null when the request names none (or there was no body). */
    public static UUID verificationIdOf(FactorChangeRequest request) {
        return request == null ? null : Ids.optionalUuid(request.verificationId());
    }

    /**
     * Reads an optional body that may come without a Content-Type (a first enrollment posts nothing), with the
     * same problems as a declared JSON body: malformed JSON, a member of the wrong type, an invalid id.
     */
    @ApplicationScoped
    public static class Reader {

        private final ObjectMapper json;
        private final Validator validator;

        Reader(ObjectMapper json, Validator validator) {
            this.json = json;
            this.validator = validator;
        }

        public FactorChangeRequest read(String body) {
            if (body == null || body.isBlank()) {
                return null;
            }
            FactorChangeRequest request;
            try {
                request = json.readValue(body, FactorChangeRequest.class);
            } catch (JsonProcessingException e) {
                throw new WebApplicationException(e, Response.Status.BAD_REQUEST);
            }
            Set<ConstraintViolation<FactorChangeRequest>> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            return request;
        }
    }
}
