package com.cerby.scimtoken.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** Queues one notification per device with a push token, in the caller's transaction (transactional outbox). */
@ApplicationScoped
public class PushNotifier {

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final PushConfig config;
    private final Clock clock;

    PushNotifier(EntityManager entityManager, ObjectMapper json, PushConfig config, Clock clock) {
        if (config.gatewayUrl().isPresent() && config.gatewaySecret().filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalStateException("scim-token.push.gateway-secret is required with scim-token.push.gateway-url");
        }
        this.entityManager = entityManager;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(List<PushPayload> notifications) {
        if (config.gatewayUrl().isEmpty()) {
            return;
        }
        for (PushPayload notification : notifications) {
            try {
                entityManager.persist(PushOutbox.of(notification.verificationId(), notification.deviceId(),
                        json.writeValueAsString(notification), clock.instant()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A push payload could not be written as JSON", e);
            }
        }
    }
}
