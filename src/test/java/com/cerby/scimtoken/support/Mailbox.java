package com.cerby.scimtoken.support;

import com.cerby.scimtoken.mail.MailCourier;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The users' mailbox on the test SMTP server (GreenMail), filled by the service's mail outbox. The outbox retries a
 * notice that the SMTP server did not take (the test server now and then drops a connection's first line under
 * load); delivering here lets it retry as it would in production, by moving the clock past the backoff.
 */
public final class Mailbox {

    private static final int ATTEMPTS = 3;

    private final GreenMail smtp;
    private final MailCourier courier;
    private final TestDatabase database;
    private final MutableClock clock;

    public Mailbox(GreenMail smtp, MailCourier courier, TestDatabase database, MutableClock clock) {
        this.smtp = smtp;
        this.courier = courier;
        this.database = database;
        this.clock = clock;
    }

    /** Forgets every notice waiting in the outbox and every mail received. */
    public void empty() throws SQLException, FolderException {
        database.execute("delete from outbox where channel = 'MAIL'");
        smtp.purgeEmailFromAllMailboxes();
    }

    /** Delivers the notices that are due, and the retries of any the SMTP server did not take; answers the mail. */
    public List<MimeMessage> deliver() throws SQLException {
        courier.dispatchDue();
        for (int attempt = 1; attempt < ATTEMPTS && pending() > 0; attempt++) {
            clock.advance(Duration.ofHours(1));
            courier.dispatchDue();
        }
        return Arrays.asList(smtp.getReceivedMessages());
    }

    /** The subjects of the mail received, in order; the mailbox is emptied. */
    public List<String> subjects() throws SQLException, FolderException {
        List<String> subjects = deliver().stream().map(Mailbox::subject).toList();
        smtp.purgeEmailFromAllMailboxes();
        return subjects;
    }

    public static String text(MimeMessage message) {
        return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long pending() throws SQLException {
        return (Long) database.queryValue("select count(*) from outbox where channel = 'MAIL' and status = 'PENDING'");
    }
}
