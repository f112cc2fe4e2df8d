package com.cerby.scimtoken.common.web;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a JSON body that a resource takes raw (to verify a signature over its bytes, or because it may come
 * without a Content-Type), with the same problems as a declared JSON body: malformed JSON, a member of the wrong
 * type, a constraint broken.
 */
@ApplicationScoped
public class JsonBodies {

    private final ObjectMapper json;
    private final Validator validator;

    JsonBodies(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The body as the type, validated; null when there is no body (a JSON {@code null} is a 400). */
    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            return null;
        }
        T value = parse(body, json.constructType(type));
        if (value == null) {
            throw JsonNullBodies.nullBody();
        }
        return valid(value);
    }

    /** The body as a JSON array of at most {@code maxItems} elements, each validated. */
    public <E> List<E> readList(byte[] body, Class<E> element, int maxItems) {
        List<E> items = parse(body, json.getTypeFactory().constructCollectionType(List.class, element));
        if (items == null) {
            throw ProblemException.invalidField("body", "must be a JSON array");
        }
        if (items.size() > maxItems) {
            throw ProblemException.invalidField("body", "must have at most " + maxItems + " items");
        }
        if (items.contains(null)) {
            throw ProblemException.invalidField("body", "must not hold null items");
        }
        Set<ConstraintViolation<E>> violations = new HashSet<>();
        items.forEach(item -> violations.addAll(validator.validate(item)));
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return items;
    }

    private <T> T parse(byte[] body, JavaType type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new WebApplicationException(e, Response.Status.BAD_REQUEST);
        } catch (IOException e) {
            throw new IllegalStateException("A body in memory could not be read", e);
        }
    }

    private <T> T valid(T value) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }
}
