import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the mobile app for local development and the README quickstart: keeps a P-256 key pair in a file, enrolls
 * its public key as a device, and signs decisions as ES256 compact JWS. Needs only a JDK (Java 17+):
 *
 * <pre>
 *   java tools/Phone.java enroll  JWT [NAME [VERIFICATION_ID]]
 *   java tools/Phone.java pending JWT
 *   java tools/Phone.java approve JWT VERIFICATION_ID NUMBER
 *   java tools/Phone.java deny    JWT VERIFICATION_ID
 *   java tools/Phone.java report  JWT VERIFICATION_ID
 * </pre>
 *
 * A user's first phone needs only a fresh JWT; a further one names an approved manage_factors verification.
 * SCIM_TOKEN_URL (default http://localhost:8080) names the service; PHONE_KEY_FILE (default
 * ./phone-key.properties) the file that holds the device id and private key, readable by its owner only.
 */
public class Phone {

    private static final String URL = System.getenv().getOrDefault("SCIM_TOKEN_URL", "http://localhost:8080");
    private static final Path KEY_FILE = Path.of(System.getenv().getOrDefault("PHONE_KEY_FILE", "phone-key.properties"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
        }
        String jwt = args[1];
        HttpResponse<String> answer = switch (args[0]) {
            case "enroll" -> enroll(jwt, args.length > 2 ? args[2] : "Local phone", args.length > 3 ? args[3] : null);
            case "pending" -> send(jwt, HttpRequest.newBuilder(URI.create(URL + "/api/v1/me/verifications")).GET());
            case "approve" -> decide(jwt, args, "approve", true);
            case "deny" -> decide(jwt, args, "deny", false);
            case "report" -> decide(jwt, args, "report", false);
            default -> usage();
        };
        System.out.println(answer.body());
        if (answer.statusCode() >= 300) {
            System.err.println(whatToDo(answer));
            System.exit(1);
        }
    }

    /** What a refusal means for the person at the shell, from the problem's code. */
    private static String whatToDo(HttpResponse<String> answer) {
        Matcher found = Pattern.compile("\"code\":\"([a-z_]+)\"").matcher(answer.body());
        String code = found.find() ? found.group(1) : "";
        return "The service refused (" + answer.statusCode() + " " + code + ")" + switch (code) {
            case "unauthorized" -> ": the JWT is missing, expired or not this service's; mint a new one.";
            case "login_too_old" -> ": a first phone needs a sign-in at most 10 minutes old; mint a new JWT.";
            case "step_up_required" -> ": this user already has a factor. Approve a manage_factors verification"
                    + " with it, then: enroll JWT NAME VERIFICATION_ID.";
            case "verification_required", "verification_already_used" -> ": start a new manage_factors"
                    + " verification, have it approved, and name it.";
            case "invalid_assertion" -> ": the key file's device is not this user's (another PHONE_KEY_FILE?).";
            default -> ".";
        };
    }

    /** A new P-256 key pair, as the phone's secure element would make. */
    static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** The public key as the JWK that enrollment sends. */
    static String publicJwk(ECPublicKey publicKey) {
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + coordinate(publicKey.getW().getAffineX())
                + "\",\"y\":\"" + coordinate(publicKey.getW().getAffineY()) + "\"}";
    }

    /** A decision as an ES256 compact JWS: header {alg, kid}, payload {vid, decision, number?, iat}. */
    static String signDecision(PrivateKey key, String deviceId, String verificationId, String decision,
            Integer number) throws Exception {
        String payload = "{\"vid\":\"" + verificationId + "\",\"decision\":\"" + decision + "\""
                + (number != null ? ",\"number\":" + number : "")
                + ",\"iat\":" + System.currentTimeMillis() / 1000 + "}";
        String header = "{\"alg\":\"ES256\",\"kid\":\"" + deviceId + "\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(payload.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(key);
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64Url(signer.sign());
    }

    private static HttpResponse<String> enroll(String jwt, String name, String verificationId) throws Exception {
        KeyPair pair = newKeyPair();
        String jwk = publicJwk((ECPublicKey) pair.getPublic());
        String body = "{\"name\":\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"publicKey\":" + jwk
                + (verificationId == null ? "" : ",\"verificationId\":\"" + verificationId + "\"") + "}";
        HttpResponse<String> answer = send(jwt, HttpRequest.newBuilder(URI.create(URL + "/api/v1/me/devices"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(answer.body());
        if (answer.statusCode() == 201 && id.find()) {
            Properties state = new Properties();
            state.setProperty("deviceId", id.group(1));
            state.setProperty("privateKey", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            Files.deleteIfExists(KEY_FILE);
            Files.createFile(KEY_FILE, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(KEY_FILE)) {
                state.store(out, "Local phone: device id and P-256 private key (PKCS#8)");
            }
            System.err.println("Enrolled device " + id.group(1) + "; key kept in " + KEY_FILE.toAbsolutePath());
        }
        return answer;
    }

    private static HttpResponse<String> decide(String jwt, String[] args, String decision, boolean withNumber)
            throws Exception {
        if (args.length < (withNumber ? 4 : 3)) {
            usage();
        }
        if (!Files.isRegularFile(KEY_FILE)) {
            System.err.println("No key file at " + KEY_FILE.toAbsolutePath() + ": run enroll first (java tools/Phone.java"
                    + " enroll JWT), or point PHONE_KEY_FILE at the key file of an enrolled phone.");
            System.exit(2);
        }
        Properties state = new Properties();
        try (InputStream in = Files.newInputStream(KEY_FILE)) {
            state.load(in);
        }
        String verificationId = args[2];
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(state.getProperty("privateKey"))));
        String assertion = signDecision(key, state.getProperty("deviceId"), verificationId, decision,
                withNumber ? Integer.parseInt(args[3]) : null);
        return send(jwt, HttpRequest.newBuilder(URI.create(URL + "/api/v1/me/verifications/" + verificationId
                + "/decision")).POST(HttpRequest.BodyPublishers.ofString("{\"assertion\":\"" + assertion + "\"}")));
    }

    private static HttpResponse<String> send(String jwt, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", "Bearer " + jwt).header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A coordinate as the JWK wants it: 32 big-endian bytes, base64url without padding. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return base64Url(fixed);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static HttpResponse<String> usage() {
        System.err.println("""
                usage: java tools/Phone.java enroll  JWT [NAME [VERIFICATION_ID]]
                       java tools/Phone.java pending JWT
                       java tools/Phone.java approve JWT VERIFICATION_ID NUMBER
                       java tools/Phone.java deny    JWT VERIFICATION_ID
                       java tools/Phone.java report  JWT VERIFICATION_ID""");
        System.exit(2);
        return null;
    }
}
