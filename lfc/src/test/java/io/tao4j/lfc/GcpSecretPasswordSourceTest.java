package io.tao4j.lfc;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.sun.net.httpserver.HttpServer;
import io.tao4j.wallet.WalletException;
import io.tao4j.wallet.password.Password;
import io.tao4j.wallet.password.PasswordPurpose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Google's Secret Manager client (HTTP/JSON transport) against a local fake of the REST endpoint
 * {@code GET /v1/projects/P/secrets/S/versions/V:access}; the bearer token of the credentials must arrive.
 */
class GcpSecretPasswordSourceTest {
    HttpServer fake;
    final List<String> requests = new CopyOnWriteArrayList<>();
    String endpoint;

    @BeforeEach
    void start() throws Exception {
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            requests.add(ex.getRequestMethod() + " " + path + " auth=" + ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body;
            int status;
            if (path.equals("/v1/projects/p1/secrets/wallet-pw/versions/latest:access")
                    || path.equals("/v1/projects/p1/secrets/wallet-pw/versions/3:access")) {
                String data = Base64.getEncoder().encodeToString("  s3cret-pässword\n".getBytes(StandardCharsets.UTF_8));
                body = ("{\"name\":\"projects/123/secrets/wallet-pw/versions/3\",\"payload\":{\"data\":\"" + data + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                status = 200;
            } else {
                body = "{\"error\":{\"code\":404,\"message\":\"Secret [projects/p1/secrets/missing] not found or has no versions.\",\"status\":\"NOT_FOUND\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                status = 404;
            }
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        fake.start();
        endpoint = "http://127.0.0.1:" + fake.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        fake.stop(0);
    }

    static FixedCredentialsProvider token() {
        return FixedCredentialsProvider.create(GoogleCredentials.create(new AccessToken("test-token",
                new Date(System.currentTimeMillis() + 3_600_000))));
    }

    @Test
    void readsTheLatestVersionOnceWithTheBearerToken() {
        GcpSecretPasswordSource s = new GcpSecretPasswordSource("projects/p1/secrets/wallet-pw", token(), endpoint);
        assertThat(s.versionName()).isEqualTo("projects/p1/secrets/wallet-pw/versions/latest");
        try (Password p = s.lookup(Path.of("coldkey"), PasswordPurpose.UNLOCK).orElseThrow()) {
            assertThat(new String(p.chars())).isEqualTo("s3cret-pässword");
            assertThat(p.origin()).isEqualTo("GCP secret projects/p1/secrets/wallet-pw/versions/latest");
            assertThat(p.toString()).doesNotContain("s3cret");
        }
        s.lookup(Path.of("coldkey"), PasswordPurpose.UNLOCK);
        assertThat(requests).containsExactly("GET /v1/projects/p1/secrets/wallet-pw/versions/latest:access auth=Bearer test-token");
    }

    @Test
    void explicitVersionAndErrors() {
        GcpSecretPasswordSource v3 = new GcpSecretPasswordSource("projects/p1/secrets/wallet-pw/versions/3", token(), endpoint);
        assertThat(new String(v3.lookup(Path.of("k"), PasswordPurpose.UNLOCK).orElseThrow().chars())).isEqualTo("s3cret-pässword");
        GcpSecretPasswordSource missing = new GcpSecretPasswordSource("projects/p1/secrets/missing", token(), endpoint);
        assertThatThrownBy(() -> missing.lookup(Path.of("k"), PasswordPurpose.UNLOCK)).isInstanceOf(WalletException.class)
                .hasMessageContaining("cannot read secret projects/p1/secrets/missing/versions/latest from GCP Secret Manager: NOT_FOUND");
        assertThatThrownBy(() -> new GcpSecretPasswordSource("wallet-pw", token(), endpoint)).isInstanceOf(LfcException.class)
                .hasMessageContaining("--wallet.password-secret must be projects/<project>/secrets/<secret>[/versions/<version>]");
    }

    @Test
    void shortSecretNamesTakeTheProjectAndVersionAsTheReferenceLauncherDoes() throws Exception {
        assertThat(GcpSecretPasswordSource.resourceName("wallet-pw", "p1", null)).isEqualTo("projects/p1/secrets/wallet-pw/versions/latest");
        assertThat(GcpSecretPasswordSource.resourceName("wallet-pw", "p1", "3")).isEqualTo("projects/p1/secrets/wallet-pw/versions/3");
        assertThat(GcpSecretPasswordSource.resourceName("projects/p1/secrets/wallet-pw", null, "3"))
                .isEqualTo("projects/p1/secrets/wallet-pw/versions/3");
        assertThat(GcpSecretPasswordSource.resourceName("projects/p1/secrets/wallet-pw/versions/2", "other", "3"))
                .isEqualTo("projects/p1/secrets/wallet-pw/versions/2");
        assertThatThrownBy(() -> GcpSecretPasswordSource.resourceName("wallet-pw", null, null)).isInstanceOf(LfcException.class)
                .hasMessageContaining("give its project with --project");
        assertThatThrownBy(() -> GcpSecretPasswordSource.resourceName("a/b", "p1", null)).isInstanceOf(LfcException.class)
                .hasMessageContaining("must be a secret name");
        assertThatThrownBy(() -> GcpSecretPasswordSource.resourceName("wallet-pw", "p1", "1/2")).isInstanceOf(LfcException.class)
                .hasMessageContaining("--secret-version");
        GcpSecretPasswordSource src = new GcpSecretPasswordSource(GcpSecretPasswordSource.resourceName("wallet-pw", "p1", "3"),
                FixedCredentialsProvider.create(GoogleCredentials.create(new AccessToken("tok-1", new Date(System.currentTimeMillis() + 3_600_000)))),
                endpoint);
        assertThat(new String(src.lookup(Path.of("k"), PasswordPurpose.UNLOCK).orElseThrow().chars())).isEqualTo("s3cret-pässword");
        assertThat(requests.get(0)).startsWith("GET /v1/projects/p1/secrets/wallet-pw/versions/3:access");
    }
}
