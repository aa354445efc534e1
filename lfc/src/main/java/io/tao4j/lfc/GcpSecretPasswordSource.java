package io.tao4j.lfc;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.GoogleCredentialsProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import io.tao4j.wallet.WalletException;
import io.tao4j.wallet.password.Password;
import io.tao4j.wallet.password.PasswordPurpose;
import io.tao4j.wallet.password.PasswordSource;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A keyfile password kept in GCP Secret Manager ({@code --wallet.password-secret projects/P/secrets/S[/versions/V]},
 * version {@code latest} when not given), read with Google's Java client over its HTTP/JSON transport with
 * application-default credentials. The secret is fetched once and cached for the process (the sweeper unlocks once).
 */
public final class GcpSecretPasswordSource implements PasswordSource {
    private static final Pattern NAME = Pattern.compile("projects/[^/]+/secrets/[^/]+(/versions/[^/]+)?");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final java.util.List<String> SCOPES = java.util.List.of("https://www.googleapis.com/auth/cloud-platform");

    private final String version;
    private final CredentialsProvider credentials;
    private final String endpoint;
    private char[] cached;

    /** With application-default credentials and Google's endpoint. */
    public GcpSecretPasswordSource(String secret) {
        this(secret, GoogleCredentialsProvider.newBuilder().setScopesToApply(SCOPES).build(), null);
    }

    /**
     * @param endpoint service endpoint such as {@code http://127.0.0.1:8080} (null = Google's)
     * @throws LfcException when {@code secret} is not a secret or secret version resource name
     */
    public GcpSecretPasswordSource(String secret, CredentialsProvider credentials, String endpoint) {
        String s = secret == null ? "" : secret.trim();
        if (!NAME.matcher(s).matches()) {
            throw new LfcException("--wallet.password-secret must be projects/<project>/secrets/<secret>[/versions/<version>], got '"
                    + secret + "'");
        }
        this.version = s.contains("/versions/") ? s : s + "/versions/latest";
        this.credentials = credentials;
        this.endpoint = endpoint;
    }

    /**
     * The secret version resource name, as the reference launcher ({@code run_miner_with_secret.py}) forms it: a full
     * name {@code projects/P/secrets/S} gets {@code /versions/<version>}, one with {@code /versions/} is kept as it is,
     * and a short secret name needs {@code project}: {@code projects/<project>/secrets/<secret>/versions/<version>}.
     *
     * @param version null or blank = {@code latest}
     * @throws LfcException naming the options when the parts are missing or malformed
     */
    public static String resourceName(String secret, String project, String version) {
        String s = secret == null ? "" : secret.trim();
        String v = version == null || version.isBlank() ? "latest" : version.trim();
        if (!SEGMENT.matcher(v).matches()) {
            throw new LfcException("--secret-version must be a version number or alias such as 'latest', got '" + version + "'");
        }
        if (s.startsWith("projects/")) {
            if (!NAME.matcher(s).matches()) {
                throw new LfcException("--wallet.password-secret must be projects/<project>/secrets/<secret>[/versions/<version>]"
                        + " or a secret name with --project, got '" + secret + "'");
            }
            return s.contains("/versions/") ? s : s + "/versions/" + v;
        }
        if (!SEGMENT.matcher(s).matches()) {
            throw new LfcException("--wallet.password-secret must be a secret name or projects/<project>/secrets/<secret>, got '"
                    + secret + "'");
        }
        if (project == null || project.isBlank()) {
            throw new LfcException("--wallet.password-secret '" + s + "' is a short secret name: give its project with --project"
                    + " (or pass projects/<project>/secrets/" + s + ")");
        }
        if (!SEGMENT.matcher(project.trim()).matches()) {
            throw new LfcException("--project must be a GCP project id, got '" + project + "'");
        }
        return "projects/" + project.trim() + "/secrets/" + s + "/versions/" + v;
    }

    public String versionName() {
        return version;
    }

    @Override
    public synchronized Optional<Password> lookup(Path keyfile, PasswordPurpose purpose) {
        if (cached == null) {
            cached = fetch();
        }
        return Optional.of(Password.of(cached, describe()));
    }

    private char[] fetch() {
        try {
            SecretManagerServiceSettings.Builder b = SecretManagerServiceSettings.newHttpJsonBuilder().setCredentialsProvider(credentials);
            if (endpoint != null) {
                b.setEndpoint(endpoint);
            }
            try (SecretManagerServiceClient client = SecretManagerServiceClient.create(b.build())) {
                AccessSecretVersionResponse r = client.accessSecretVersion(version);
                byte[] data = r.getPayload().getData().toByteArray();
                try {
                    CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data));
                    char[] chars = new char[cb.remaining()];
                    cb.get(chars);
                    String stripped = new String(chars).strip();
                    Arrays.fill(chars, '\0');
                    if (stripped.isEmpty()) {
                        throw new WalletException("secret " + version + " is empty");
                    }
                    return stripped.toCharArray();
                } catch (CharacterCodingException e) {
                    throw new WalletException("secret " + version + " is not UTF-8 text");
                } finally {
                    Arrays.fill(data, (byte) 0);
                }
            }
        } catch (ApiException e) {
            throw new WalletException("cannot read secret " + version + " from GCP Secret Manager: "
                    + e.getStatusCode().getCode() + " " + firstLine(e.getMessage()));
        } catch (java.io.IOException e) {
            throw new WalletException("cannot read secret " + version + " from GCP Secret Manager: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public String describe() {
        return "GCP secret " + version;
    }
}
