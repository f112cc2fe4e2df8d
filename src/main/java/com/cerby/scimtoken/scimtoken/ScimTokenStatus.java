package com.cerby.scimtoken.scimtoken;

/** CURRENT: the workspace's token; PREVIOUS: rotated out, valid until its grace ends; REVOKED: never valid again. */
public enum ScimTokenStatus {
    CURRENT, PREVIOUS, REVOKED
}
