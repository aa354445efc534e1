package io.tao4j.cli.wallet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.chain.Balance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Amounts in the JSON output: exact rao, plain decimals, at least one decimal like Python's float. */
class WalletChainReadsTest {
    @Test
    void amountsArePlainExactDecimals() {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("one_rao", WalletChainReads.jsonTao(Balance.ofRao(1)));
        o.put("million", WalletChainReads.jsonTao(Balance.ofRao(1_000_000L * Balance.RAO_PER_TAO)));
        o.put("exact", WalletChainReads.jsonTao(Balance.ofRao(123_456_789_012L)));
        o.put("zero", WalletChainReads.jsonTao(Balance.ofRao(0)));
        assertThat(WalletChainReads.json(o))
                .isEqualTo("{\"one_rao\":0.000000001,\"million\":1000000.0,\"exact\":123.456789012,\"zero\":0.0}");
    }
}
