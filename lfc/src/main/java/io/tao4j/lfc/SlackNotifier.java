package io.tao4j.lfc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Slack incoming-webhook notifications in the shape the Liquidity Flow Controller sends them: one attachment with a
 * colour per level (error {@code #ff0000}, warning {@code #ff9900}, success {@code #00ff00}, info {@code #0099ff}),
 * the message, the host and the last 8 characters of the hotkey, uptime, and a footer "Taoshi Validator/Miner
 * Notification". Errors and warnings go to the error webhook, which falls back to the main one. Keeps the reference's
 * daily counters and sends a daily summary at 00:00 UTC. A webhook that fails is logged and never thrown.
 */
public final class SlackNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which neuron is talking. */
    public enum Role {
        VALIDATOR("Validator"), MINER("Miner");
        final String display;

        Role(String display) {
            this.display = display;
        }
    }

    /** Message levels and their colours. */
    public enum Level {
        INFO("#0099ff"), WARNING("#ff9900"), ERROR("#ff0000"), SUCCESS("#00ff00");
        final String color;

        Level(String color) {
            this.color = color;
        }
    }

    private final Role role;
    private final String hotkey;
    private final URI webhook;
    private final URI errorWebhook;
    private final Clock clock;
    private final HttpClient http;
    private final Instant startup;
    private final String host;
    private final String version;
    private final AlertPolicy policy;
    private ScheduledExecutorService scheduler;

    // daily counters (reset after a summary is sent), lifetime counters (kept for the process lifetime)
    private int weightsSet, weightsFailed, noPermitEvents, registrationFailures;
    private final List<Instant> weightsSetTimes = new ArrayList<>();
    private final List<String> targetUidChanges = new ArrayList<>();
    private int sweeps, sweepsFailed, transfers, transfersFailed;
    private long sweptRao, transferredRao;
    private long lifetimeWeightsSet, lifetimeSweptRao, lifetimeTransferredRao;

    public SlackNotifier(Role role, String hotkey, URI webhook, URI errorWebhook, Clock clock) {
        this.role = role;
        this.hotkey = hotkey == null ? "" : hotkey;
        this.webhook = webhook;
        this.errorWebhook = errorWebhook != null ? errorWebhook : webhook;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.startup = clock.instant();
        this.host = hostInfo();
        this.version = "tao4j " + LfcVersion.get();
        this.policy = new AlertPolicy(clock);
    }

    private static String hostInfo() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            name = "Unknown Hostname";
        }
        return name + "|" + outwardAddress();
    }

    /**
     * The machine's outward address: the local address of the interface the default route leaves by (a UDP socket
     * "connected" to a public address picks the route; no packet is sent), else the first non-loopback address of an
     * interface that is up, else "Unknown IP". Never 127.0.0.1 unless that is all the machine has.
     */
    public static String outwardAddress() {
        for (String probe : new String[]{"8.8.8.8", "2001:4860:4860::8888"}) {
            try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
                s.connect(InetAddress.getByName(probe), 53);
                InetAddress a = s.getLocalAddress();
                if (a != null && !a.isAnyLocalAddress() && !a.isLoopbackAddress()) {
                    return a.getHostAddress();
                }
            } catch (Exception e) {
                // no route of this family: try the next, then the interfaces
            }
        }
        try {
            String v6 = null;
            for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback() || ni.isVirtual()) {
                    continue;
                }
                for (InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                    if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
                        continue;
                    }
                    if (a instanceof java.net.Inet4Address) {
                        return a.getHostAddress();
                    }
                    if (v6 == null) {
                        v6 = a.getHostAddress();
                    }
                }
            }
            if (v6 != null) {
                return v6;
            }
        } catch (Exception e) {
            // fall through
        }
        return "Unknown IP";
    }

    public AlertPolicy policy() {
        return policy;
    }

    private String shortHotkey() {
        return "..." + (hotkey.length() > 8 ? hotkey.substring(hotkey.length() - 8) : hotkey);
    }

    /** Last 8 characters of an address with "..." before them, as the reference shows addresses. */
    public static String tail(String ss58) {
        return "..." + (ss58 == null ? "" : ss58.length() > 8 ? ss58.substring(ss58.length() - 8) : ss58);
    }

    String uptime() {
        double s = Duration.between(startup, clock.instant()).toMillis() / 1000.0;
        return s >= 86400 ? String.format(Locale.ROOT, "%.1f days", s / 86400) : String.format(Locale.ROOT, "%.1f hours", s / 3600);
    }

    private static ObjectNode field(ArrayNode fields, String title, String value, boolean isShort) {
        ObjectNode f = fields.addObject();
        f.put("title", title);
        f.put("value", value);
        f.put("short", isShort);
        return f;
    }

    /** The JSON body of a message (what {@link #send} posts). */
    public ObjectNode payload(String message, Level level) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode att = root.putArray("attachments").addObject();
        att.put("color", level.color);
        ArrayNode fields = att.putArray("fields");
        field(fields, role.display + " Alert", message, false);
        field(fields, "VM IP | " + role.display + " Hotkey", host.substring(host.indexOf('|') + 1) + " | " + shortHotkey(), true);
        field(fields, "Script Uptime | Git Branch", uptime() + " | " + version, true);
        att.put("footer", "Taoshi " + role.display + " Notification");
        att.put("ts", clock.instant().getEpochSecond());
        return root;
    }

    /** Sends a message; errors and warnings to the error webhook. Never throws. */
    public void send(String message, Level level) {
        post(level == Level.ERROR || level == Level.WARNING ? errorWebhook : webhook, payload(message, level));
    }

    /** Posts {@code body}; returns whether the webhook answered 2xx. Never throws. */
    boolean post(URI url, ObjectNode body) {
        if (url == null) {
            return false;
        }
        try {
            HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                log.error("Failed to send Slack notification: HTTP {} from the webhook", r.statusCode());
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("Failed to send Slack notification: interrupted");
            return false;
        } catch (Exception e) {
            log.error("Failed to send Slack notification: {}", e.toString());
            return false;
        }
    }

    // ------------------------------------------------------------------ validator events

    /** Records a failed weight setting; returns the alert decision (the caller sends the alert when asked). */
    public synchronized AlertPolicy.Decision recordWeightFailure(FailureType type) {
        if (type != FailureType.BENIGN) {
            weightsFailed++;
        }
        return policy.recordFailure(type);
    }

    /** Records a success; true when a recovery message is due. */
    public synchronized boolean recordWeightSuccess() {
        weightsSet++;
        lifetimeWeightsSet++;
        weightsSetTimes.add(clock.instant());
        return policy.recordSuccess();
    }

    public synchronized void recordNoPermit() {
        noPermitEvents++;
    }

    public synchronized void recordRegistrationFailure() {
        registrationFailures++;
    }

    public synchronized void recordTargetUidChange(int from, int to) {
        targetUidChanges.add("Changed from " + from + " to " + to + " at "
                + DateTimeFormatter.ofPattern("HH:mm:ss").format(clock.instant().atZone(ZoneOffset.UTC)));
    }

    /** The reference's weight failure alert text. */
    public String weightFailureMessage(String error, AlertPolicy.Decision d, int netuid) {
        String e = error == null ? "" : error;
        String lower = e.toLowerCase(Locale.ROOT);
        String hk = shortHotkey();
        if (lower.contains("maximum recursion depth exceeded")) {
            return "🚨 CRITICAL: Weight setting recursion error\nHotkey: " + hk + "\nNetuid: " + netuid + "\nError: " + e
                    + "\nThis indicates a serious code issue that needs immediate attention.";
        }
        if (lower.contains("invalid transaction")) {
            return "🚨 CRITICAL: Subtensor rejected weight transaction\nHotkey: " + hk + "\nNetuid: " + netuid + "\nError: " + e
                    + "\nThis may indicate wallet/balance issues or network problems.";
        }
        if (d.type() == FailureType.UNKNOWN) {
            return "❓ NEW PATTERN: Unknown weight setting failure\nHotkey: " + hk + "\nNetuid: " + netuid
                    + "\nConsecutive failures: " + d.consecutiveFailures() + "\nError: " + e
                    + "\nThis is a new error pattern that needs investigation.";
        }
        double hours = d.secondsSinceSuccess() / 3600;
        String urgency = hours >= 2 ? "🚨 URGENT" : "⚠️ WARNING";
        return urgency + ": Weight setting issues detected\nHotkey: " + hk + "\nNetuid: " + netuid
                + String.format(Locale.ROOT, "\nNo successful weight setting in %.1f hours", hours) + "\nLast error: " + e;
    }

    public void sendWeightFailureAlert(String error, AlertPolicy.Decision d, int netuid) {
        send(weightFailureMessage(error, d, netuid), Level.ERROR);
    }

    public void sendWeightRecovery(int netuid) {
        send("✅ Weight setting recovered after failures\nHotkey: " + shortHotkey() + "\nNetuid: " + netuid, Level.INFO);
    }

    // ------------------------------------------------------------------ sweeper events

    public synchronized void recordSweep(boolean ok, long rao) {
        if (ok) {
            sweeps++;
            sweptRao += rao;
        } else {
            sweepsFailed++;
        }
    }

    public synchronized void recordTransfer(boolean ok, long rao) {
        if (ok) {
            transfers++;
            transferredRao += rao;
        } else {
            transfersFailed++;
        }
    }

    // ------------------------------------------------------------------ daily summary

    private static String alpha(long rao) {
        return java.math.BigDecimal.valueOf(rao, 9).toPlainString() + " α";
    }

    private static String rate(int ok, int failed) {
        int total = ok + failed;
        return String.format(Locale.ROOT, "%.1f%%", total > 0 ? ok * 100.0 / total : 0.0);
    }

    /** The daily summary body for today's counters (does not reset them). */
    public synchronized ObjectNode dailySummaryPayload() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode att = root.putArray("attachments").addObject();
        att.put("color", "#4CAF50");
        ArrayNode f = att.putArray("fields");
        LocalDate day = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        field(f, "📊 Daily Summary Report", "Automated daily report for " + day, false);
        field(f, "🕒 " + role.display + " Hotkey", shortHotkey(), true);
        field(f, "Script Uptime", uptime(), true);
        String system = "Host: " + host.substring(0, host.indexOf('|')) + "\nIP: " + host.substring(host.indexOf('|') + 1)
                + "\nBranch: " + version;
        if (role == Role.VALIDATOR) {
            field(f, "📈 Lifetime Weights Set", Long.toString(lifetimeWeightsSet), true);
            field(f, "📅 Today's Weights Set", Integer.toString(weightsSet), true);
            field(f, "✅ Weight Set Success Rate", rate(weightsSet, weightsFailed), true);
            String avg = "N/A";
            if (weightsSetTimes.size() > 1) {
                double sum = 0;
                for (int i = 1; i < weightsSetTimes.size(); i++) {
                    sum += Duration.between(weightsSetTimes.get(i - 1), weightsSetTimes.get(i)).toMillis() / 60000.0;
                }
                avg = String.format(Locale.ROOT, "%.1f minutes", sum / (weightsSetTimes.size() - 1));
            }
            field(f, "⏱️ Avg Interval Between Weight Sets", avg, true);
            field(f, "🖥️ System Info", system, true);
            if (weightsFailed > 0) {
                field(f, "❌ Failed Weight Sets", Integer.toString(weightsFailed), true);
            }
            if (noPermitEvents > 0) {
                field(f, "⚠️ No Permit Events", Integer.toString(noPermitEvents), true);
            }
            if (registrationFailures > 0) {
                field(f, "🚫 Registration Failures", Integer.toString(registrationFailures), true);
            }
            if (!targetUidChanges.isEmpty()) {
                field(f, "🔄 Burn UID Changes", String.join("\n", targetUidChanges), false);
            }
        } else {
            field(f, "🔄 Stake Sweeps", "Success: " + sweeps + ", Failed: " + sweepsFailed + ", Rate: " + rate(sweeps, sweepsFailed), false);
            field(f, "🚚 Stake Transfers", "Success: " + transfers + ", Failed: " + transfersFailed + ", Rate: "
                    + rate(transfers, transfersFailed), false);
            field(f, "💰 Today's Stake Swept", alpha(sweptRao), true);
            field(f, "💸 Today's Stake Transferred", alpha(transferredRao), true);
            field(f, "📈 Lifetime Stake Swept", alpha(lifetimeSweptRao + sweptRao), true);
            field(f, "📈 Lifetime Stake Transferred", alpha(lifetimeTransferredRao + transferredRao), true);
            field(f, "🖥️ System Info", system, true);
        }
        att.put("footer", "Taoshi " + role.display + " Daily Summary");
        att.put("ts", clock.instant().getEpochSecond());
        return root;
    }

    /** Sends the daily summary to the main webhook; on success folds today's counters into the lifetime ones and resets them. */
    public synchronized boolean sendDailySummary() {
        boolean ok = post(webhook, dailySummaryPayload());
        if (ok) {
            lifetimeSweptRao += sweptRao;
            lifetimeTransferredRao += transferredRao;
            weightsSet = weightsFailed = noPermitEvents = registrationFailures = 0;
            weightsSetTimes.clear();
            targetUidChanges.clear();
            sweeps = sweepsFailed = transfers = transfersFailed = 0;
            sweptRao = transferredRao = 0;
        }
        return ok;
    }

    /** Milliseconds from {@code now} to the next 00:00 UTC (a full day when it is exactly midnight). */
    public static long millisToNextMidnightUtc(Instant now) {
        ZonedDateTime z = now.atZone(ZoneOffset.UTC);
        ZonedDateTime next = z.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC);
        return Duration.between(z, next).toMillis();
    }

    /** Starts the daily summary thread (a daemon) that sends a summary at every 00:00 UTC. */
    public synchronized void startDailySummaries() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lfc-daily-summary");
            t.setDaemon(true);
            return t;
        });
        scheduleNext();
    }

    private void scheduleNext() {
        scheduler.schedule(() -> {
            try {
                sendDailySummary();
            } catch (RuntimeException e) {
                log.error("Error in daily summary: {}", e.toString());
            }
            scheduleNext();
        }, millisToNextMidnightUtc(clock.instant()) + 1, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
