package io.tao4j.mantis.miner;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Uploads through the S3 API with the AWS SDK v2 — to Cloudflare R2 ({@code https://<account>.r2.cloudflarestorage.com},
 * region {@code auto}) or any S3-compatible store. Path-style addressing (R2 and the local payload store
 * accept it). A PUT replaces the previous object with the same key.
 */
public final class S3Uploader implements PayloadUploader, AutoCloseable {

    /** Where and as whom to upload. The secret never appears in {@link #toString()}. */
    public record Target(String endpoint, String bucket, String region, String accessKeyId, String secretAccessKey) {
        public Target {
            require(endpoint, "endpoint");
            require(bucket, "bucket");
            require(accessKeyId, "access key id");
            require(secretAccessKey, "secret access key");
            if (region == null || region.isBlank()) {
                region = "auto";
            }
            URI u;
            try {
                u = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("S3 endpoint '" + endpoint + "' is not a URL");
            }
            if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http")) || u.getHost() == null) {
                throw new IllegalArgumentException("S3 endpoint '" + endpoint + "' must be an http(s) URL with a host");
            }
        }

        private static void require(String v, String what) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("S3 " + what + " is missing");
            }
        }

        @Override
        public String toString() {
            return "Target[" + endpoint + ", bucket " + bucket + ", region " + region + ", key id " + accessKeyId + "]";
        }
    }

    private final S3Client s3;
    private final Target target;

    public S3Uploader(Target target) {
        this.target = target;
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(target.endpoint()))
                .region(Region.of(target.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(target.accessKeyId(), target.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    @Override
    public void put(String key, byte[] body) throws IOException {
        try {
            s3.putObject(b -> b.bucket(target.bucket()).key(key).contentType("application/json"), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            throw new IOException("upload of " + key + " to " + target.endpoint() + "/" + target.bucket() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
