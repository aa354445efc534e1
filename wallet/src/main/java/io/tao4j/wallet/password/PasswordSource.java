package io.tao4j.wallet.password;

import java.nio.file.Path;
import java.util.Optional;

/** One place a keyfile password may come from. Sources are tried in order by {@link PasswordResolver}. */
public interface PasswordSource {

    /**
     * The password for {@code keyfile}, or empty when this source has none.
     *
     * @throws io.tao4j.wallet.WalletException when the source was named by the user but cannot be read
     */
    Optional<Password> lookup(Path keyfile, PasswordPurpose purpose);

    /** What this source is, for messages (never the password). */
    String describe();

    /**
     * {@code source} for unlocking existing keyfiles only: it gives nothing for a {@link PasswordPurpose#NEW_KEY}.
     * For implicit sources (a {@code ./.env} in the working directory, a default variable) that must not choose
     * the password a new key is encrypted with.
     */
    static PasswordSource unlockOnly(PasswordSource source) {
        return new PasswordSource() {
            @Override
            public Optional<Password> lookup(Path keyfile, PasswordPurpose purpose) {
                return purpose == PasswordPurpose.UNLOCK ? source.lookup(keyfile, purpose) : Optional.empty();
            }

            @Override
            public String describe() {
                return source.describe() + " (unlocking only)";
            }
        };
    }
}
