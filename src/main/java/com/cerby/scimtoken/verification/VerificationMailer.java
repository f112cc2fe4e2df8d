package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.mail.MailConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import org.jboss.logging.Logger;

/** Sends the email that carries a verification's one-time link. */
@ApplicationScoped
public class VerificationMailer {

    private static final Logger LOG = Logger.getLogger(VerificationMailer.class);
    /** A hanging SMTP server must not hang the request that starts the verification. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);
    /** One attempt that gets no answer is abandoned in time for one more, on a new connection. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(7);

    private final ReactiveMailer mailer;
    private final EmailConfig config;
    private final MailConfig mail;

    VerificationMailer(ReactiveMailer mailer, EmailConfig config, MailConfig mail) {
        this.mailer = mailer;
        this.config = config;
        this.mail = mail;
    }

    /** Email verification needs a deployment that sends mail and the web app page its links open. */
    boolean isConfigured() {
        return mail.enabled() && config.linkBaseUrl().isPresent();
    }

    /**
     * Sends the link, trying twice (an SMTP server may drop or stall one connection); a mail that cannot be handed
     * to the SMTP server fails the request (503).
     */
    void send(String to, Verification verification, String code) {
        String base = config.linkBaseUrl().orElseThrow();
        String link = base + (base.contains("?") ? "&" : "?") + "verification=" + verification.id() + "&code="
                + URLEncoder.encode(code, StandardCharsets.US_ASCII);
        String text = """
                Someone, hopefully you, asked in workspace %s to %s.

                If it was you, open this link to confirm:
                %s

                The link works once and expires at %s (UTC). If it was not you, ignore this mail.
                """.formatted(verification.workspaceId(), verification.action().purpose(), link,
                DateTimeFormatter.ISO_INSTANT.format(verification.expiresAt()));
        try {
            mailer.send(Mail.withText(to, config.subject(), text))
                    .ifNoItem().after(ATTEMPT_TIMEOUT).fail()
                    .onFailure().retry().atMost(1)
                    .await().atMost(SEND_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("The verification email for %s could not be sent: %s", verification.id(),
                    e.getClass().getSimpleName());
            throw new ProblemException(ProblemType.EMAIL_NOT_SENT,
                    "The verification email could not be sent; try again later or use another method.");
        }
    }
}
