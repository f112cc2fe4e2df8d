package com.cerby.scimtoken.mail;

import com.cerby.scimtoken.common.outbox.Courier;
import com.cerby.scimtoken.common.outbox.Outbox;
import com.cerby.scimtoken.common.outbox.RetryPolicy;
import com.cerby.scimtoken.common.tracing.OutboundCalls;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;

/** Sends queued notices to the SMTP server, each within the mail timeout, retrying with backoff. */
@Singleton
public class MailCourier extends Courier {

    static final String CHANNEL = "MAIL";

    private final ReactiveMailer mailer;
    private final ObjectMapper json;
    private final MailConfig config;
    private final OutboundCalls outbound;

    MailCourier(Outbox outbox, ReactiveMailer mailer, ObjectMapper json, MailConfig config, OutboundCalls outbound) {
        super(outbox, CHANNEL, new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(),
                config.timeout()));
        this.mailer = mailer;
        this.json = json;
        this.config = config;
        this.outbound = outbound;
    }

    @Scheduled(every = "${scim-token.mail.dispatch-interval:PT5S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (config.enabled()) {
            dispatchScheduled();
        }
    }

    @Override
    protected String deliver(String payload) {
        try {
            Notice notice = json.readValue(payload, Notice.class);
            outbound.smtp(() -> mailer.send(Mail.withText(notice.to(), notice.subject(), notice.text()))
                    .await().atMost(config.timeout()));
            return null;
        } catch (IOException e) {
            return "unreadable notice";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
