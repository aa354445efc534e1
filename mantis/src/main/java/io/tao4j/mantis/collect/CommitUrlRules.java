package io.tao4j.mantis.collect;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a miner's committed URL must satisfy before the validator downloads it (MANTIS 2e9bc5b
 * {@code cycle.py} {@code _is_valid_r2_url} and the path checks of {@code get_miner_payloads}): host on
 * Cloudflare R2 ({@code *.r2.dev} or {@code *.r2.cloudflarestorage.com}), or — for local networks only —
 * a host named in {@code extraHosts}; no trailing slash; the path exactly one segment, equal to the
 * hotkey ignoring case. Unlike the reference, the scheme must be http or https.
 */
public final class CommitUrlRules {
    private final Set<String> extraHosts;

    /** @param extraHosts exact host names allowed besides R2 (e.g. {@code 127.0.0.1} on localnet); lower case */
    public CommitUrlRules(Set<String> extraHosts) {
        this.extraHosts = Set.copyOf(extraHosts);
    }

    /** R2 hosts only, as on finney. */
    public static CommitUrlRules r2Only() {
        return new CommitUrlRules(Set.of());
    }

    /** Empty when {@code url} may be downloaded for {@code hotkey}, else the reason it may not. */
    public Optional<Rejection> check(String url, String hotkey) {
        if (url == null || url.isBlank()) {
            return Optional.of(Rejection.NO_COMMITMENT);
        }
        URI u;
        try {
            u = new URI(url.strip());
        } catch (Exception e) {
            return Optional.of(Rejection.BAD_URL);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || host.isEmpty()) {
            return Optional.of(Rejection.BAD_URL);
        }
        if (!(host.endsWith(".r2.dev") || host.endsWith(".r2.cloudflarestorage.com") || extraHosts.contains(host))) {
            return Optional.of(Rejection.HOST_NOT_ALLOWED);
        }
        String path = u.getPath() == null ? "" : u.getPath();
        if (path.endsWith("/")) {
            return Optional.of(Rejection.DIRECTORY_URL);
        }
        String[] parts = java.util.Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toArray(String[]::new);
        if (parts.length != 1) {
            return Optional.of(Rejection.PATH_NOT_ONLY_HOTKEY);
        }
        if (!parts[0].equalsIgnoreCase(hotkey)) {
            return Optional.of(Rejection.NAME_NOT_HOTKEY);
        }
        return Optional.empty();
    }
}
