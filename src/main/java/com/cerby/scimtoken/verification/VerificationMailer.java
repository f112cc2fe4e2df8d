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

    /** Sends the link; a mail that cannot be handed to the SMTP server fails the request (503). */
    void send(String to, Verification verification, String code) {
        String base = config.linkBaseUrl().orElseThrow();
        String link = base + (base.contains("?") ? "&" : "?") + "verification=" + verification.id() + "&code="
                + URLEncoder.encode(code, StandardCharsets.US_ASCII);
        String action = verification.action().name().toLowerCase(java.util.Locale.ROOT);
        String text = """
                Someone, hopefully you, asked to %s the SCIM token of workspace %s.

                If it was you, open this link to confirm:
                %s

                The link works once and expires at %s (UTC). If it was not you, ignore this mail.
                """.formatted(action, verification.workspaceId(), link,
                DateTimeFormatter.ISO_INSTANT.format(verification.expiresAt()));
        try {
            mailer.send(Mail.withText(to, config.subject(), text)).await().atMost(SEND_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("The verification email for %s could not be sent: %s", verification.id(),
                    e.getClass().getSimpleName());
            throw new ProblemException(ProblemType.EMAIL_NOT_SENT,
                    "The verification email could not be sent; try again later or use another method.");
        }
    }
}
