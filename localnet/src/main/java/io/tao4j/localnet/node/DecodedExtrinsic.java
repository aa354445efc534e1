package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.tx.Era;
import io.tao4j.localnet.runtime.AccountId;

/**
 * A signed extrinsic as the node received it: who signed, the transaction parameters read from the
 * extensions' extra data, the decoded call and the original bytes (whose blake2-256 is its hash).
 */
public record DecodedExtrinsic(AccountId signer, long nonce, java.math.BigInteger tip, Era era, JsonNode call,
                               String pallet, String callName, byte[] bytes, byte[] hash) {
}
