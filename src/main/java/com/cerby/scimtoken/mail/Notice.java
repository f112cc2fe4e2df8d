package com.cerby.scimtoken.mail;

/** A plain-text mail to one recipient, as it waits in the outbox. It never carries a secret. */
public record Notice(String to, String subject, String text) {
}
