package com.cerby.scimtoken.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which HTTP methods each path template of the JAX-RS resources serves, read from their annotations. It gives a
 * 405 its {@code Allow} header, and it is what the OpenAPI document must describe.
 */
@ApplicationScoped
public class ResourceRoutes {

    /** A path parameter, {@code {name}} or with its own regular expression, {@code {name: regex}}. */
    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*(\\w+)\\s*(?::\\s*([^}]+?)\\s*)?}");

    private final Map<String, SortedSet<String>> methodsByTemplate = new TreeMap<>();
    private final Map<String, Pattern> patternsByTemplate = new TreeMap<>();

    ResourceRoutes(BeanManager beans) {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path root = bean.getBeanClass().getAnnotation(Path.class);
            if (root != null) {
                for (Method method : bean.getBeanClass().getMethods()) {
                    httpMethod(method).ifPresent(verb -> {
                        String declared = template(root, method.getAnnotation(Path.class));
                        String template = PARAMETER.matcher(declared).replaceAll("{$1}");
                        methodsByTemplate.computeIfAbsent(template, t -> new TreeSet<>()).add(verb);
                        patternsByTemplate.putIfAbsent(template, pattern(declared));
                    });
                }
            }
        }
    }

    /**
     * Every path template, e.g. {@code /api/v1/me/devices/{deviceId}} (a parameter's own regular expression left
     * out), with the methods it serves.
     */
    public Map<String, SortedSet<String>> methodsByTemplate() {
        return methodsByTemplate;
    }

    /**
     * What a request path supports, as an {@code Allow} header lists it: the methods of the template it matches,
     * HEAD wherever GET is served, and OPTIONS; empty when no template matches.
     */
    public Optional<SortedSet<String>> allowedAt(String path) {
        return patternsByTemplate.entrySet().stream()
                .filter(entry -> entry.getValue().matcher(path).matches())
                .findFirst()
                .map(entry -> {
                    SortedSet<String> allowed = new TreeSet<>(methodsByTemplate.get(entry.getKey()));
                    if (allowed.contains(HttpMethod.GET)) {
                        allowed.add(HttpMethod.HEAD);
                    }
                    allowed.add(HttpMethod.OPTIONS);
                    return allowed;
                });
    }

    private static Optional<String> httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(Annotation::annotationType)
                .map(type -> type.getAnnotation(HttpMethod.class))
                .filter(Objects::nonNull)
                .map(HttpMethod::value)
                .findFirst();
    }

    private static String template(Path root, Path sub) {
        String joined = "/" + root.value() + (sub == null ? "" : "/" + sub.value());
        String normalised = joined.replaceAll("/+", "/");
        return normalised.length() > 1 && normalised.endsWith("/")
                ? normalised.substring(0, normalised.length() - 1)
                : normalised;
    }

    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int literalStart = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(literalStart, parameter.start())))
                    .append(parameter.group(2) == null ? "[^/]+" : "(?:" + parameter.group(2) + ")");
            literalStart = parameter.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(literalStart))) + "/?");
    }
}
