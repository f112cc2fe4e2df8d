package com.cerby.scimtoken.mail;

import com.cerby.scimtoken.common.outbox.Courier;
import com.cerby.scimtoken.common.outbox.Outbox;
import com.cerby.scimtoken.common.outbox.RetryPolicy;
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

    MailCourier(Outbox outbox, ReactiveMailer mailer, ObjectMapper json, MailConfig config) {
        super(outbox, CHANNEL, new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(),
                config.timeout()));
        this.mailer = mailer;
        this.json = json;
        this.config = config;
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
            mailer.send(Mail.withText(notice.to(), notice.subject(), notice.text())).await().atMost(config.timeout());
            return null;
        } catch (IOException e) {
            return "unreadable notice";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
