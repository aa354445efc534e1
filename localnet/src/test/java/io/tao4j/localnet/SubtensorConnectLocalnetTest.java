package io.tao4j.localnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.RpcException;
import io.tao4j.chain.subtensor.SetWeightsResult;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chain module's one entry point against a running localnet (manual blocks): {@code Subtensor.connect} over
 * WebSocket follows runtime upgrades by subscription and owns the socket; a pinned view keeps reading its block while
 * the chain moves on; over HTTP the same calls work with the version polled before a submission.
 */
class SubtensorConnectLocalnetTest {
    static final Sr25519KeyPair VALIDATOR = Sr25519KeyPair.fromUri("//Bob//validator");

    @Test
    void webSocketConnectPinsViewsAndCloseClosesTheSocket() throws Exception {
        try (Localnet net = Localnet.start(Localnet.Config.defaults().fast().forTests())) {
            net.produceBlock();
            Subtensor st = Subtensor.connect(net.rpcUrl(), Subtensor.Options.defaults());
            try {
                assertThat(st.followsRuntimeUpgrades()).isTrue();
                Subtensor at = st.at();
                long pinned = at.currentBlock();
                net.produceBlock();
                net.produceBlock();
                assertThat(st.currentBlock()).isEqualTo(pinned + 2);
                assertThat(at.currentBlock()).isEqualTo(pinned);
                assertThat(at.blockHash(pinned)).isEqualTo(at.pinnedBlockHash());
            } finally {
                st.close();
            }
            assertThatThrownBy(st::currentBlock).isInstanceOf(RpcException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void overHttpReadsAndSubmissionsWorkWithThePolledFallback() throws Exception {
        try (Localnet net = Localnet.start(Localnet.Config.defaults().fast().forTests());
             Subtensor st = Subtensor.connect(net.httpRpcUrl(), Subtensor.Options.defaults())) {
            assertThat(st.followsRuntimeUpgrades()).isFalse();
            Integer uid = st.uidForHotkey(VALIDATOR.ss58(), 35, null);
            assertThat(uid).isNotNull();
            long limit = st.weightsRateLimit(35, null);
            for (long i = 0; i <= limit + 1; i++) {
                net.produceBlock();
            }
            SetWeightsResult r = st.setWeights(VALIDATOR, 35, new int[]{2}, new double[]{1.0}, 0, OnlineClient.WaitFor.NOTHING);
            assertThat(r.status()).as(r.message()).isEqualTo(SetWeightsResult.Status.SUCCESS);
            net.produceBlock();
            JsonNode w = st.client().query("SubtensorModule", "Weights", List.of(35, uid), null);
            assertThat(w).hasSize(1);
            assertThat(w.get(0).get(0).asInt()).isEqualTo(2);
        }
    }
}
