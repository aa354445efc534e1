package io.tao4j.wallet.password;

import io.tao4j.wallet.WalletException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tries password sources in order and returns the first password found. When none has one, fails
 * with a message that says how to provide one ({@code missingHint}). Where a password came from (never the
 * password) is logged at INFO.
 */
public final class PasswordResolver {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordResolver.class);
    private final List<PasswordSource> sources;
    private final String missingHint;

    public PasswordResolver(List<PasswordSource> sources, String missingHint) {
        this.sources = List.copyOf(sources);
        this.missingHint = Objects.requireNonNull(missingHint);
    }

    /** A resolver that always yields {@code password} (for programmatic use and tests). */
    public static PasswordResolver fixed(String password) {
        return new PasswordResolver(List.of(new PasswordSource() {
            @Override
            public Optional<Password> lookup(Path keyfile, PasswordPurpose purpose) {
                return Optional.of(Password.of(password, "the caller"));
            }

            @Override
            public String describe() {
                return "a password given by the caller";
            }
        }), "no password given");
    }

    public List<PasswordSource> sources() {
        return sources;
    }

    /**
     * The password for {@code keyfile}.
     *
     * @throws WalletException when no source has one (the message names the ways to give one)
     */
    public Password resolve(Path keyfile, PasswordPurpose purpose) {
        for (PasswordSource s : sources) {
            Optional<Password> p = s.lookup(keyfile, purpose);
            if (p.isPresent()) {
                LOG.info("password for {} ({}) from {}", keyfile,
                        purpose == PasswordPurpose.UNLOCK ? "unlock" : "new key", p.get().origin());
                return p.get();
            }
        }
        throw new WalletException("no password for " + keyfile + ": " + missingHint);
    }
}
