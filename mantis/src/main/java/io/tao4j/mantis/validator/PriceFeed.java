package io.tao4j.mantis.validator;

import java.io.IOException;
import java.util.Map;

/** Port 2 of the validator: the latest prices by price key ({@code config.py price_key}, e.g. "ETH"). */
@FunctionalInterface
public interface PriceFeed {
    Map<String, Double> latest() throws IOException;
}
