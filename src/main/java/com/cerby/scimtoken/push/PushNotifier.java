package com.cerby.scimtoken.push;

import com.cerby.scimtoken.common.outbox.Outbox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** Queues one notification per device with a push token, in the caller's transaction (transactional outbox). */
@ApplicationScoped
public class PushNotifier {

    private final Outbox outbox;
    private final ObjectMapper json;
    private final PushConfig config;

    PushNotifier(Outbox outbox, ObjectMapper json, PushConfig config) {
        if (config.gatewayUrl().isPresent() && config.gatewaySecret().filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalStateException("scim-token.push.gateway-secret is required with scim-token.push.gateway-url");
        }
        this.outbox = outbox;
        this.json = json;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(List<PushPayload> notifications) {
        if (config.gatewayUrl().isEmpty()) {
            return;
        }
        for (PushPayload notification : notifications) {
            try {
                outbox.enqueue(PushCourier.CHANNEL, json.writeValueAsString(notification));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A push payload could not be written as JSON", e);
            }
        }
    }
}
