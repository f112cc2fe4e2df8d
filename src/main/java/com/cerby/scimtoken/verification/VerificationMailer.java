package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.tracing.OutboundCalls;
import com.cerby.scimtoken.limits.LockoutConfig;
import com.cerby.scimtoken.local.OwnUrl;
import com.cerby.scimtoken.mail.MailConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Sends the email that carries a verification's code and the link to the console's confirm page. The link points at
 * the service's own public URL, from the configuration (or, in local mode and tests, the port it listens on), never
 * at a request's Host header: a caller who chose the header would choose where the victim's code goes.
 */
@Startup
@ApplicationScoped
public class VerificationMailer {

    /** The console page that a mailed link opens; the code travels in the fragment, which browsers never send. */
    static final String CONFIRM_PAGE = "/console/confirm.html";
    /** A user agent is the caller's to choose: the mail shows a bounded part of it. */
    private static final int MAX_BROWSER_CHARS = 200;

    private static final Logger LOG = Logger.getLogger(VerificationMailer.class);
    /** A hanging SMTP server must not hang the request that starts the verification. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);
    /** One attempt that gets no answer is abandoned in time for one more, on a new connection. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(7);

    private final ReactiveMailer mailer;
    private final OutboundCalls outbound;
    private final EmailConfig config;
    private final MailConfig mail;
    private final LockoutConfig lockout;
    private final OwnUrl ownUrl;
    private final Optional<String> configuredBase;

    VerificationMailer(ReactiveMailer mailer, EmailConfig config, MailConfig mail, LockoutConfig lockout,
            OwnUrl ownUrl, OutboundCalls outbound) {
        this.mailer = mailer;
        this.outbound = outbound;
        this.config = config;
        this.mail = mail;
        this.lockout = lockout;
        this.ownUrl = ownUrl;
        this.configuredBase = config.linkBaseUrl().map(VerificationMailer::checkedBase);
    }

    /** A base URL is http(s) with a host, and no query or fragment; a wrong setting stops the start. */
    static String checkedBase(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("scim-token.email.link-base-url: " + value + " is not a URL", e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalStateException("scim-token.email.link-base-url: " + value + " must be the service's"
                    + " public http(s) base URL, without query or fragment (e.g. https://scim-token.example.com)");
        }
        return uri.toString().replaceAll("/+$", "");
    }

    /** Email verification needs a deployment that sends mail and knows the URL its links open. */
    boolean isConfigured() {
        return mail.enabled() && linkBase().isPresent();
    }

    /** The service's public base URL: the setting, or in local mode and tests the port it really listens on. */
    Optional<String> linkBase() {
        return ownUrl.orConfigured(configuredBase);
    }

    /** The link to the confirm page, with the verification and its code in the fragment only. */
    String link(Verification verification, String code) {
        return linkBase().orElseThrow() + CONFIRM_PAGE + "#verification=" + verification.id() + "&code=" + code;
    }

    /**
     * Sends the code and link, trying twice (an SMTP server may drop or stall one connection); a mail that cannot be handed
     * to the SMTP server fails the request (503).
     */
    void send(String to, Verification verification, String code) {
        String text = """
                Someone signed in as you asked to %s in workspace %s.

                  Asked from: %s, %s
                  Expires:    %s (UTC)

                If it was you, type this code in the window that asked (it works only there):

                  %s

                or open this link in the same browser:
                %s

                If you did not ask for this, open the link and press "This wasn't me": email confirmations for
                your account then pause for %d minutes. Never give this code to anyone.
                """.formatted(verification.action().purpose(), verification.workspaceId(),
                describeAddress(verification.requesterIp()), describeBrowser(verification.requesterUserAgent()),
                DateTimeFormatter.ISO_INSTANT.format(verification.expiresAt()), code, link(verification, code),
                lockout.emailBlock().toMinutes());
        try {
            outbound.smtp(() -> mailer.send(Mail.withText(to, config.subject(), text))
                    .ifNoItem().after(ATTEMPT_TIMEOUT).fail()
                    .onFailure().retry().atMost(1)
                    .await().atMost(SEND_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warnf("The verification email for %s could not be sent: %s", verification.id(),
                    e.getClass().getSimpleName());
            throw new ProblemException(ProblemType.EMAIL_NOT_SENT,
                    "The verification email could not be sent; try again later or use another method.");
        }
    }

    private static String describeAddress(String ip) {
        return ip == null || ip.isBlank() ? "an unknown address" : "address " + ip;
    }

    private static String describeBrowser(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "an unknown browser";
        }
        String printable = userAgent.replaceAll("\\p{Cntrl}", " ").strip();
        return "browser \"" + (printable.length() > MAX_BROWSER_CHARS
                ? printable.substring(0, MAX_BROWSER_CHARS) + "..." : printable) + "\"";
    }
}
