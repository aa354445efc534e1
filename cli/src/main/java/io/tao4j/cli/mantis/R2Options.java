package io.tao4j.cli.mantis;

import io.tao4j.cli.CliException;
import io.tao4j.mantis.miner.LocalnetDiscovery;
import io.tao4j.mantis.miner.S3Uploader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The miner's {@code --r2.*} options: the S3-API store (Cloudflare R2) payloads are uploaded to, each from the
 * command line, else its environment variable, else (on a local network) the local store.
 */
final class R2Options {
    private static final Logger log = LoggerFactory.getLogger(MantisMinerCommand.class);

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--r2.endpoint", paramLabel = "URL", defaultValue = "${env:R2_ENDPOINT}",
            description = "S3 API endpoint, e.g. https://<account>.r2.cloudflarestorage.com. Env R2_ENDPOINT.")
    String r2Endpoint;

    @Option(names = "--r2.bucket", paramLabel = "NAME", defaultValue = "${env:R2_BUCKET}", description = "Bucket. Env R2_BUCKET.")
    String r2Bucket;

    @Option(names = "--r2.access-key-id", paramLabel = "ID", defaultValue = "${env:R2_ACCESS_KEY_ID}",
            description = "Access key id. Env R2_ACCESS_KEY_ID.")
    String r2KeyId;

    @Option(names = "--r2.secret-access-key", paramLabel = "SECRET", defaultValue = "${env:R2_SECRET_ACCESS_KEY}",
            description = "Secret access key. Deprecated on the command line (visible in ps): use the env R2_SECRET_ACCESS_KEY "
                    + "or --r2.secret-access-key-file.")
    String r2Secret;

    @Option(names = "--r2.secret-access-key-file", paramLabel = "FILE",
            description = "Read the secret access key from this file (first line; takes precedence over the env R2_SECRET_ACCESS_KEY).")
    Path r2SecretFile;

    @Option(names = "--r2.region", paramLabel = "REGION", defaultValue = "auto", description = "Region (default: ${DEFAULT-VALUE}).")
    String r2Region;

    /** The store: these options over the local network's store (null: none); exit 2 when one is missing or bad. */
    S3Uploader.Target target(LocalnetDiscovery local) {
        try {
            return new S3Uploader.Target(pick(r2Endpoint, local == null ? null : local.s3Endpoint(), "--r2.endpoint"),
                    pick(r2Bucket, local == null ? null : local.bucket(), "--r2.bucket"),
                    local != null && r2Region.equals("auto") ? local.region() : r2Region,
                    pick(r2KeyId, local == null ? null : local.accessKeyId(), "--r2.access-key-id"),
                    pick(secret(), local == null ? null : local.secretAccessKey(), "--r2.secret-access-key"));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }

    /**
     * The R2 secret: from {@code --r2.secret-access-key-file}, else the env {@code R2_SECRET_ACCESS_KEY} (MANTIS's
     * name), else {@code --r2.secret-access-key} with a warning (other users see command lines); null when none.
     */
    String secret() {
        var parsed = mixee.commandLine().getParseResult();
        boolean onCommandLine = parsed.hasMatchedOption("--r2.secret-access-key");
        if (r2SecretFile != null) {
            if (onCommandLine) {
                throw new CliException("give either --r2.secret-access-key or --r2.secret-access-key-file, not both", 2);
            }
            String secret;
            try {
                secret = Files.readAllLines(r2SecretFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new CliException("--r2.secret-access-key-file " + r2SecretFile + ": cannot read: " + e.getMessage(), 2);
            }
            if (secret.isEmpty()) {
                throw new CliException("--r2.secret-access-key-file " + r2SecretFile + " is empty", 2);
            }
            return secret;
        }
        if (onCommandLine) {
            log.warn("--r2.secret-access-key on the command line is visible to other users (ps); "
                    + "set R2_SECRET_ACCESS_KEY or use --r2.secret-access-key-file instead");
        }
        return r2Secret;
    }

    static String pick(String given, String fromLocal, String option) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        if (fromLocal != null) {
            return fromLocal;
        }
        throw new CliException(option + " is required (or its environment variable; on --subtensor.network local it comes from the local network)", 2);
    }

}
