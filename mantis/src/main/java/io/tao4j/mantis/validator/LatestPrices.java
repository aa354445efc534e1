package io.tao4j.mantis.validator;

import io.tao4j.mantis.JsonHttp;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The latest-prices feed MANTIS validators read each sampled block ({@code config.PRICE_DATA_URL}): a GET with
 * {@link JsonHttp}'s timeouts, HTTP 200 only. The body is read by {@link ValidatorPrices}.
 */
public final class LatestPrices implements PriceFeed {
    /** MANTIS config.py PRICE_DATA_URL (the same at 2e9bc5b and bcff57b). */
    public static final String MANTIS_URL = "https://pub-ba8c1b8edb8046edaccecbd26b5ca7f8.r2.dev/latest_prices.json";
    private final URI uri;

    public LatestPrices(URI uri) {
        this.uri = uri;
    }

    @Override
    public byte[] fetch() throws IOException {
        return JsonHttp.getBytes(uri, JsonHttp.DEFAULT_TIMEOUT);
    }

    @Override
    public String toString() {
        return uri.toString();
    }

    /** The same with another answer timeout. */
    public static PriceFeed of(URI uri, Duration timeout) {
        return () -> JsonHttp.getBytes(uri, timeout);
    }
}
