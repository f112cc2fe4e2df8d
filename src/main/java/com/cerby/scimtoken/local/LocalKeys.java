package com.cerby.scimtoken.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The keys of local mode, generated on first start and kept, readable by the owner only, in the data directory:
 * an RSA key pair that signs and verifies locally minted JWTs, the AES-256 key that encrypts SCIM tokens, and the
 * password of the embedded database.
 */
final class LocalKeys {

    static final String JWT_SIGNING_KEY = "jwt-signing-key.pem";
    static final String JWT_VERIFICATION_KEY = "jwt-verification-key.pem";
    static final String ENCRYPTION_KEYS = "encryption-keys";
    static final String DATABASE_PASSWORD = "database-password";

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path directory;

    LocalKeys(Path directory) {
        this.directory = directory;
    }

    /** Creates whatever key is missing; keys that exist are never replaced, so earlier tokens stay readable. */
    void createMissing() {
        try {
            createOwnerOnlyDirectory(directory);
            if (!Files.exists(signingKey()) || !Files.exists(verificationKey())) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                writeOwnerOnly(signingKey(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                writeOwnerOnly(verificationKey(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            if (!Files.exists(encryptionKeys())) {
                writeOwnerOnly(encryptionKeys(), "local-1:" + Base64.getEncoder().encodeToString(randomBytes(32)));
            }
            if (!Files.exists(databasePassword())) {
                writeOwnerOnly(databasePassword(), Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the local keys to " + directory, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every Java runtime", e);
        }
    }

    Path signingKey() {
        return directory.resolve(JWT_SIGNING_KEY);
    }

    Path verificationKey() {
        return directory.resolve(JWT_VERIFICATION_KEY);
    }

    Path encryptionKeys() {
        return directory.resolve(ENCRYPTION_KEYS);
    }

    Path databasePassword() {
        return directory.resolve(DATABASE_PASSWORD);
    }

    String readEncryptionKeys() {
        return read(encryptionKeys());
    }

    String readDatabasePassword() {
        return read(databasePassword());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    static void createOwnerOnlyDirectory(Path path) throws IOException {
        if (isPosix()) {
            Files.createDirectories(path, attribute(OWNER_ONLY_DIRECTORY));
        } else {
            Files.createDirectories(path);
        }
    }

    private static void writeOwnerOnly(Path path, String content) throws IOException {
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (isPosix()) {
            Files.createFile(temporary, attribute(OWNER_ONLY_FILE));
        } else {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
