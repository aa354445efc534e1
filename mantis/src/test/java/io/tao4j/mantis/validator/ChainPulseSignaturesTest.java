package io.tao4j.mantis.validator;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.subtensor.DrandPulse;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.drand.ChainInfo;
import io.tao4j.mantis.payload.PayloadOpener;
import io.tao4j.localnet.Localnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** drand signatures read from a real local chain's Drand pallet and verified before use. */
class ChainPulseSignaturesTest {
    static Localnet net;
    static WsRpcClient ws;
    static Subtensor subtensor;
    static ChainInfo drand;
    static long round;

    @BeforeAll
    static void start() throws Exception {
        net = Localnet.start(Localnet.Config.defaults().fast().forTests());
        net.produceBlock(); // the first block carries the beacon's latest round
        ws = WsRpcClient.connect(net.rpcUrl());
        subtensor = Subtensor.of(OnlineClient.connect(ws));
        drand = LocalnetDefaults.parse(net.discovery()).drand();
        round = subtensor.lastStoredDrandRound();
    }

    @AfterAll
    static void stop() {
        if (ws != null) {
            ws.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void aPulseOnChainIsReturnedVerified() {
        assertThat(round).isPositive();
        byte[] sig = ChainPulseSignatures.from(subtensor, drand).signature(round);
        assertThat(sig).isEqualTo(net.beacon().beacon().signature(round));
        assertThat(ChainPulseSignatures.verifies(drand, round, sig)).isTrue();
    }

    @Test
    void absentRoundsGiveNothing() {
        ChainPulseSignatures s = ChainPulseSignatures.from(subtensor, drand);
        assertThat(s.signature(round + 10_000)).isNull();
        assertThat(s.signature(round - 1)).isNull(); // before the first stored round
    }

    @Test
    void aTamperedOrMislabelledPulseIsRejected() {
        DrandPulse real = subtensor.drandPulse(round).orElseThrow();
        // another round's genuine signature under this round
        byte[] other = net.beacon().beacon().signature(round + 1);
        ChainPulseSignatures swapped = new ChainPulseSignatures(
                r -> Optional.of(new DrandPulse(r, real.randomness(), other)), drand);
        assertThat(swapped.signature(round)).isNull();
        // a flipped bit
        byte[] flipped = real.signature();
        flipped[20] ^= 1;
        assertThat(new ChainPulseSignatures(r -> Optional.of(new DrandPulse(r, real.randomness(), flipped)), drand)
                .signature(round)).isNull();
        // the pulse of another round answered for this one
        assertThat(new ChainPulseSignatures(r -> Optional.of(real), drand).signature(round + 1)).isNull();
        // a reader that fails
        assertThat(new ChainPulseSignatures(r -> {
            throw new IllegalStateException("connection closed");
        }, drand).signature(round)).isNull();
        // the real pulse checked against another drand chain (quicknet) does not verify
        assertThat(ChainPulseSignatures.from(subtensor, ChainInfo.QUICKNET).signature(round)).isNull();
    }

    @Test
    void theComposedSourceGivesTheFirstVerifiedAnswer() {
        byte[] good = net.beacon().beacon().signature(round);
        PayloadOpener.SignatureSource broken = r -> {
            throw new IllegalStateException("relay down");
        };
        PayloadOpener.SignatureSource lying = r -> net.beacon().beacon().signature(r + 1);
        PayloadOpener.SignatureSource silent = r -> null;
        PayloadOpener.SignatureSource chain = ChainPulseSignatures.from(subtensor, drand);
        assertThat(ChainPulseSignatures.firstVerified(drand, List.of(broken, lying, silent, chain)).signature(round))
                .isEqualTo(good);
        assertThat(ChainPulseSignatures.firstVerified(drand, List.of(broken, lying, silent)).signature(round)).isNull();
        assertThat(ChainPulseSignatures.firstVerified(drand, List.of(chain)).signature(round + 10_000)).isNull();
    }
}
