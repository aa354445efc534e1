package io.tao4j.localnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.Balance;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.subtensor.Metagraph;
import io.tao4j.chain.subtensor.OperatorCalls;
import io.tao4j.chain.subtensor.StakeInfo;
import io.tao4j.chain.subtensor.SubnetSummary;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519KeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chain module's operator reads and fee estimate against the local network (manual blocks): the estimate equals
 * the fee charged and {@code payment_queryInfo}; stake, subnet, hyperparameter and full-metagraph reads agree with
 * the storage items they come from.
 */
class OperatorReadsLocalnetTest {
    static final Sr25519KeyPair BOB = Sr25519KeyPair.fromUri("//Bob"), VALIDATOR = Sr25519KeyPair.fromUri("//Bob//validator");
    static Localnet net;
    static Subtensor st;

    @BeforeAll
    static void start() throws Exception {
        net = Localnet.start(Localnet.Config.defaults().fast().forTests());
        net.produceBlock();
        st = Subtensor.connect(net.rpcUrl(), Subtensor.Options.defaults());
    }

    @AfterAll
    static void stop() {
        st.close();
        net.close();
    }

    @Test
    void theFeeEstimateIsWhatTheChainChargesAndWhatPaymentQueryInfoSays() {
        String eve = Sr25519KeyPair.fromUri("//Eve").ss58();
        Balance fee = st.estimateFee(BOB, c -> OperatorCalls.transferKeepAlive(c, eve, BigInteger.valueOf(1_000_000_000L)));
        byte[] xt = st.client().sign(OperatorCalls.transferKeepAlive(st.client(), eve, BigInteger.valueOf(1_000_000_000L)), BOB).bytes();
        JsonNode info = st.client().rpc().client().call("payment_queryInfo", List.of(Hex.encode0x(xt))).join();
        assertThat(new BigInteger(info.get("partialFee").asText())).isEqualTo(fee.rao());
        Balance before = st.balance(BOB.ss58(), null);
        var out = st.submit(BOB, c -> OperatorCalls.transferKeepAlive(c, eve, BigInteger.valueOf(1_000_000_000L)), OnlineClient.WaitFor.NOTHING);
        assertThat(out.isSuccess()).isTrue();
        net.produceBlock();
        assertThat(st.balance(BOB.ss58(), null)).isEqualTo(before.minus(fee).minus(Balance.ofRao(1_000_000_000L)));
        // Subtensor does not charge the weight-setting calls (Pays::No): query_info says 0, as on chain
        assertThat(st.estimateFee(VALIDATOR, c -> OperatorCalls.commitWeights(c, 35, new byte[32])).isZero()).isTrue();
    }

    @Test
    void stakeSubnetAndHyperparameterReads() {
        List<StakeInfo> stakes = st.stakesOf(BOB.ss58(), null);
        assertThat(stakes).anySatisfy(s -> {
            assertThat(s.hotkey()).isEqualTo(VALIDATOR.ss58());
            assertThat(s.netuid()).isEqualTo(35);
            assertThat(s.stake()).isEqualTo(st.stake(BOB.ss58(), VALIDATOR.ss58(), 35, null).stake()).isPositive();
        });
        assertThat(st.netuids(null)).contains(35, 123);
        SubnetSummary s = st.subnet(35, null);
        assertThat(s.n()).isEqualTo(st.subnetworkN(35, null));
        assertThat(s.tempo()).isEqualTo(st.tempo(35, null));
        assertThat(s.ownerHotkey()).isEqualTo(st.subnetOwnerHotkey(35, null));
        assertThat(s.burn().isZero()).isFalse();
        Map<String, JsonNode> hp = st.hyperparameters(35, null);
        assertThat(hp.get("tempo").asInt()).isEqualTo(s.tempo());
        assertThat(st.alphaPriceRao(35, null)).isEqualTo(1_000_000_000L);
        assertThatThrownBy(() -> st.subnet(77, null)).hasMessageContaining("subnet 77 does not exist");
        assertThatThrownBy(() -> st.hyperparameters(77, null)).hasMessageContaining("subnet 77 does not exist");
    }

    @Test
    void theFullMetagraphCarriesTheWeightsOfItsBlock() {
        for (int i = 0; i < 8; i++) {
            net.produceBlock();
        }
        var r = st.setWeights(VALIDATOR, 35, new int[]{2, 3}, new double[]{1, 1}, 0, OnlineClient.WaitFor.NOTHING);
        assertThat(r.success()).as(r.message()).isTrue();
        net.produceBlock();
        Metagraph full = st.fullMetagraph(35, null);
        int uid = st.uidForHotkey(VALIDATOR.ss58(), 35, null);
        assertThat(full.full()).isTrue();
        assertThat(full.weightsOf(uid)).containsExactlyEntriesOf(st.weightsOf(35, uid, null)).containsEntry(2, 65535);
        assertThat(full.bonds()).isEmpty(); // the local epoch keeps no bonds
        Metagraph lite = st.metagraph(35, null);
        assertThat(lite.full()).isFalse();
        assertThat(lite.weights()).isEmpty();
        assertThat(lite.neurons()).isEqualTo(full.neurons());
    }
}
