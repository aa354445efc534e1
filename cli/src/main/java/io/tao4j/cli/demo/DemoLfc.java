package io.tao4j.cli.demo;

import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.lfc.LfcMetrics;
import io.tao4j.lfc.LfcWeightValidator;
import io.tao4j.lfc.Sweeper;

import java.time.Duration;

/**
 * Subnet 35 (LFC) in the demo: the weight-burn validator {@code //Bob//validator} puts all its weight on the
 * miner UID; the sweeper of {@code //Charlie} moves the alpha of {@code //Charlie//miner} to
 * {@code //Charlie//aggregator} and transfers it to the treasury coldkey {@code //Dave} every epoch.
 */
final class DemoLfc {
    private DemoLfc() {
    }

    static void start(DemoRuntime rt, String rpcUrl, Subtensor observer, LfcMetrics metrics) throws Exception {
        Sr25519KeyPair validator = Sr25519KeyPair.fromUri("//Bob//validator");
        Sr25519KeyPair coldkey = Sr25519KeyPair.fromUri("//Charlie");
        String minerHotkey = Sr25519KeyPair.fromUri("//Charlie//miner").ss58();
        String aggregator = Sr25519KeyPair.fromUri("//Charlie//aggregator").ss58();
        String treasury = Sr25519KeyPair.fromUri("//Dave").ss58();
        Integer minerUid = observer.uidForHotkey(minerHotkey, Demo.LFC_NETUID, null);
        if (minerUid == null) {
            throw new IllegalStateException("the LFC miner hotkey is not registered on subnet " + Demo.LFC_NETUID);
        }
        rt.state.lfcKeys(minerHotkey, aggregator, treasury, coldkey.ss58(), minerUid);
        LfcWeightValidator v = LfcWeightValidator.builder().subtensor(rt.subtensor(rpcUrl)).signer(validator)
                .config(new LfcWeightValidator.Config(Demo.LFC_NETUID, minerUid, 10, Duration.ofSeconds(1), Duration.ofMillis(100), false))
                .metrics(metrics).build();
        Sweeper sweeper = Sweeper.builder().subtensor(rt.subtensor(rpcUrl)).signer(coldkey)
                .config(new Sweeper.Config(Demo.LFC_NETUID, minerHotkey, aggregator, treasury, false, false, Duration.ofMillis(250)))
                .metrics(metrics).build();
        sweeper.requireAggregatorOwned(sweeper.ownedHotkeys());
        rt.spawn("lfc-validator", () -> v.run(rt.stop));
        rt.spawn("lfc-sweeper", () -> sweeper.run(rt.stop));
        rt.say("subnet %d: LFC validator %s → UID %d; sweeper %s → %s → treasury %s", Demo.LFC_NETUID, validator.ss58(), minerUid,
                minerHotkey, aggregator, treasury);
    }
}
