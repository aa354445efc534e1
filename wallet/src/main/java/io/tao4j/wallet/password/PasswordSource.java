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
}
