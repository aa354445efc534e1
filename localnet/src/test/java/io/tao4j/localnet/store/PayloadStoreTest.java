package io.tao4j.localnet.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store is exercised with the real AWS SDK v2 S3 client, as the MANTIS miner uploads. */
class PayloadStoreTest {
    static final String HOTKEY = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
    PayloadStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
    }

    PayloadStore start(long limit, Path dir) throws Exception {
        store = PayloadStore.start(new PayloadStore.Config("mantis", Map.of("localkey", "localsecret"), limit, dir), "127.0.0.1", 0);
        return store;
    }

    S3Client client(String secret, boolean pathStyle) {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + store.port()))
                .region(Region.of("auto"))
                .forcePathStyle(pathStyle)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("localkey", secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static HttpResponse<String> publicGet(PayloadStore s, String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/" + key)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sdkUploadIsReadableBySdkAndPublicly() throws Exception {
        start(1 << 20, null);
        String body = "{\"v\":2,\"round\":1000}";
        try (S3Client s3 = client("localsecret", true)) {
            s3.putObject(PutObjectRequest.builder().bucket("mantis").key(HOTKEY).contentType("application/json").build(),
                    RequestBody.fromString(body));
            assertThat(s3.getObjectAsBytes(GetObjectRequest.builder().bucket("mantis").key(HOTKEY).build()).asUtf8String())
                    .isEqualTo(body);
            assertThat(s3.headObject(HeadObjectRequest.builder().bucket("mantis").key(HOTKEY).build()).contentLength())
                    .isEqualTo(body.length());
            // a second upload replaces the object
            s3.putObject(PutObjectRequest.builder().bucket("mantis").key(HOTKEY).build(), RequestBody.fromString("x"));
        }
        HttpResponse<String> r = publicGet(store, HOTKEY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("x");
        assertThat(publicGet(store, "nobody").statusCode()).isEqualTo(404);
    }

    @Test
    void largeStreamingUploadKeepsEveryByte() throws Exception {
        start(8 << 20, null);
        byte[] data = new byte[3 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >>> 9));
        }
        try (S3Client s3 = client("localsecret", true)) {
            s3.putObject(PutObjectRequest.builder().bucket("mantis").key("big").build(), RequestBody.fromBytes(data));
        }
        assertThat(store.get("big")).get().extracting(PayloadStore.StoredObject::data).isEqualTo(data);
    }

    @Test
    void publishedObjectsIgnoreTheUploadLimitAndAreServedPublicly(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        start(1 << 10, dir);
        byte[] data = new byte[5000];
        java.util.Arrays.fill(data, (byte) 7);
        store.publish("demo/datalog.db", data, "application/vnd.sqlite3");
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + store.port() + "/demo/datalog.db")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(data);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.sqlite3");
        assertThatThrownBy(() -> store.publish("../escape", data, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid object key");
        // kept on disk like uploads: a restarted store still serves it
        store.close();
        start(1 << 10, dir);
        assertThat(store.get("demo/datalog.db")).get().extracting(PayloadStore.StoredObject::data).isEqualTo(data);
    }

    @Test
    void wrongSecretIsRefused() throws Exception {
        start(1 << 20, null);
        try (S3Client s3 = client("not-the-secret", true)) {
            assertThatThrownBy(() -> s3.putObject(PutObjectRequest.builder().bucket("mantis").key(HOTKEY).build(),
                    RequestBody.fromString("x")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
        }
        assertThat(store.size()).isZero();
    }

    @Test
    void oversizedUploadIsRefusedAndNothingIsStored() throws Exception {
        start(1024, null);
        try (S3Client s3 = client("localsecret", true)) {
            assertThatThrownBy(() -> s3.putObject(PutObjectRequest.builder().bucket("mantis").key(HOTKEY).build(),
                    RequestBody.fromBytes(new byte[4096])))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(413));
            assertThatThrownBy(() -> s3.getObject(GetObjectRequest.builder().bucket("mantis").key(HOTKEY).build()))
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }

    @Test
    void anonymousWritesAreRefused() throws Exception {
        start(1024, null);
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + store.port() + "/" + HOTKEY))
                        .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<Code>AccessDenied</Code>");
    }

    @Test
    void objectsSurviveARestartWhenADirectoryIsGiven(@TempDir Path dir) throws Exception {
        start(1 << 20, dir);
        try (S3Client s3 = client("localsecret", true)) {
            s3.putObject(PutObjectRequest.builder().bucket("mantis").key(HOTKEY).contentType("application/json").build(),
                    RequestBody.fromString("{\"a\":1}"));
        }
        store.close();
        start(1 << 20, dir);
        HttpResponse<String> r = publicGet(store, HOTKEY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"a\":1}");
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(new String(store.get(HOTKEY).orElseThrow().data(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }
}
