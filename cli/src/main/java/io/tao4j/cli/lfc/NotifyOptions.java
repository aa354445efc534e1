package io.tao4j.cli.lfc;

import io.tao4j.cli.CliException;
import io.tao4j.lfc.LfcMetrics;
import io.tao4j.lfc.SlackNotifier;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Clock;

/** Slack and metrics options shared by the validator and the sweeper. */
public final class NotifyOptions {
    @Option(names = {"--slack_webhook_url", "--slack-webhook-url"}, paramLabel = "URL",
            description = "Slack incoming webhook for notifications (none: notifications off).")
    String slackWebhook;

    @Option(names = {"--slack_error_webhook_url", "--slack-error-webhook-url"}, paramLabel = "URL",
            description = "Separate webhook for warnings and errors (default: the main webhook).")
    String slackErrorWebhook;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://0.0.0.0:PORT/metrics (default: off).")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "0.0.0.0",
            description = "Address the metrics endpoint binds (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Option(names = {"--alert.chain-outage-minutes", "--alert-chain-outage-minutes"}, paramLabel = "MINUTES", defaultValue = "10",
            description = "Minutes without a successful chain read before one Slack alert (a recovery message follows when"
                    + " reads succeed again; default: ${DEFAULT-VALUE}).")
    double chainOutageMinutes;

    /** {@code --alert.chain-outage-minutes} as a duration. */
    public java.time.Duration chainOutage() {
        if (!(chainOutageMinutes > 0) || chainOutageMinutes > 7 * 24 * 60) {
            throw new CliException("--alert.chain-outage-minutes must be more than 0 and at most 10080 (a week), got "
                    + chainOutageMinutes, 2);
        }
        return java.time.Duration.ofMillis(Math.round(chainOutageMinutes * 60_000));
    }

    private static URI url(String v, String option) {
        try {
            URI u = URI.create(v);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new CliException(option + " must be an http(s) URL, got '" + v + "'", 2);
        }
    }

    /** The notifier, or null when no webhook is given. */
    public SlackNotifier slack(SlackNotifier.Role role, String hotkey) {
        if (slackWebhook == null || slackWebhook.isBlank()) {
            return null;
        }
        URI main = url(slackWebhook, "--slack_webhook_url");
        URI err = slackErrorWebhook == null ? null : url(slackErrorWebhook, "--slack_error_webhook_url");
        return new SlackNotifier(role, hotkey, main, err, Clock.systemUTC());
    }

    /** The metrics registry, serving when {@code --metrics-port} is given. */
    public LfcMetrics metrics() {
        LfcMetrics m = new LfcMetrics();
        if (metricsPort != null) {
            if (metricsPort < 0 || metricsPort > 65535) {
                throw new CliException("--metrics-port must be between 0 and 65535, got " + metricsPort, 2);
            }
            try {
                int port = m.serve(metricsHost, metricsPort);
                org.slf4j.LoggerFactory.getLogger(NotifyOptions.class).info("Prometheus metrics on http://{}:{}/metrics", metricsHost, port);
            } catch (java.io.IOException e) {
                m.close();
                throw new CliException("cannot serve metrics on " + metricsHost + ":" + metricsPort + ": " + e.getMessage());
            }
        }
        return m;
    }
}
