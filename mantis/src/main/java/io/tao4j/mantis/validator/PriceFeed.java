package io.tao4j.mantis.validator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Port 2 of the validator: the body of MANTIS's {@code latest_prices.json} as fetched
 * ({@code {"prices": {key: number, …}, "funding_rates": {asset: number, …}}}); {@link ValidatorPrices} applies
 * the reference's acceptance rules to it.
 */
@FunctionalInterface
public interface PriceFeed {
    /** The document's bytes. @throws IOException when it cannot be fetched (the step then gets zero prices) */
    byte[] fetch() throws IOException;

    /** A feed that always answers {@code json} (tests, fixed prices). */
    static PriceFeed ofJson(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return () -> b.clone();
    }
}
