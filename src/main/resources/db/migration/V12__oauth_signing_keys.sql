-- The access tokens' signing keys (ES256), one set for every instance: the private JWK is stored only encrypted
-- with the token encryption key (SecretCipher), the public JWK as it is published at /oauth2/jwks.
create table oauth_signing_key (
    kid          varchar(64) primary key,
    key_id       varchar(64) not null,
    nonce        bytea       not null check (octet_length(nonce) = 12),
    ciphertext   bytea       not null,
    public_jwk   text        not null,
    created_at   timestamptz not null
);
