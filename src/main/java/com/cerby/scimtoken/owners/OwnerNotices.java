package com.cerby.scimtoken.owners;

import com.cerby.scimtoken.mail.Notice;
import com.cerby.scimtoken.mail.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Tells a workspace's owners about its SCIM token, through the mail outbox, in the caller's transaction. */
@ApplicationScoped
public class OwnerNotices {

    private final OwnerContacts contacts;
    private final Notices notices;

    OwnerNotices(OwnerContacts contacts, Notices notices) {
        this.contacts = contacts;
        this.notices = notices;
    }

    /** A token of the workspace was found in public (and revoked, unless the deployment only notifies). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leaked(String workspaceId, String hint, String url, boolean revoked) {
        String subject = "Your SCIM token was found in public" + (revoked ? " and has been revoked" : "");
        String text = """
                The SCIM token %s of workspace %s was found in public at:
                %s

                %s
                """.formatted(hint, workspaceId, url, revoked
                ? "It has been revoked: your identity provider can no longer provision with it. Rotate the token"
                        + " (Directory Sync, Rotate token) to issue a new one, and update your identity provider."
                : "It still works. Rotate it now (Directory Sync, Rotate token) with no grace period, and update"
                        + " your identity provider.");
        tell(workspaceId, subject, text);
    }

    /**
     * A secret of one of the workspace's OAuth clients was found in public (and revoked, unless the deployment only
     * notifies). Names the client and the secret's hint, never the secret.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leakedClientSecret(String workspaceId, String clientName, String hint, String url, boolean revoked) {
        String subject = "A client secret of your SCIM provisioning was found in public"
                + (revoked ? " and has been revoked" : "");
        String text = """
                The secret %s of the OAuth client "%s" of workspace %s was found in public at:
                %s

                %s
                """.formatted(hint, clientName, workspaceId, url, revoked
                ? "It has been revoked: your identity provider can no longer get access tokens with it, and the"
                        + " access tokens it got no longer work. Add a new secret to the client (Directory Sync,"
                        + " OAuth clients) and update your identity provider."
                : "It still works. Add a new secret to the client (Directory Sync, OAuth clients), update your"
                        + " identity provider, then revoke this one.");
        tell(workspaceId, subject, text);
    }

    /** The workspace's current token expires soon. */
    @Transactional(Transactional.TxType.MANDATORY)
    void expiring(String workspaceId, String hint, Instant expiresAt, long daysLeft) {
        tell(workspaceId, "Your SCIM token expires in " + daysLeft + (daysLeft == 1 ? " day" : " days"), """
                The SCIM token %s of workspace %s expires at %s (UTC). Provisioning from your identity provider stops
                then. Rotate the token before (Directory Sync, Rotate token, with a grace period), and update your
                identity provider.
                """.formatted(hint, workspaceId, DateTimeFormatter.ISO_INSTANT.format(expiresAt)));
    }

    private void tell(String workspaceId, String subject, String text) {
        contacts.of(workspaceId).forEach(to -> notices.send(new Notice(to, subject, text)));
    }
}
