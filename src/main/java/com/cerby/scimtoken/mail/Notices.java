package com.cerby.scimtoken.mail;

import com.cerby.scimtoken.common.outbox.Outbox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Queues notices (mails that tell a user about a security event) in the caller's transaction; {@link MailCourier}
 * sends them. Without {@code scim-token.mail.enabled} nothing is queued.
 */
@ApplicationScoped
public class Notices {

    private final Outbox outbox;
    private final ObjectMapper json;
    private final MailConfig config;

    Notices(Outbox outbox, ObjectMapper json, MailConfig config) {
        this.outbox = outbox;
        this.json = json;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void send(Notice notice) {
        if (!config.enabled()) {
            return;
        }
        try {
            outbox.enqueue(MailCourier.CHANNEL, json.writeValueAsString(notice));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A notice could not be written as JSON", e);
        }
    }
}
