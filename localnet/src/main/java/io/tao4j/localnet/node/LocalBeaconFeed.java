package io.tao4j.localnet.node;

import io.tao4j.localnet.beacon.LocalBeacon;

import java.time.Clock;

/** The pulses a {@link LocalBeacon} has emitted by {@code clock}'s time, as the dev node writes them into blocks. */
public class LocalBeaconFeed implements DevNode.DrandFeed {
    private final LocalBeacon beacon;
    private final Clock clock;

    public LocalBeaconFeed(LocalBeacon beacon, Clock clock) {
        this.beacon = beacon;
        this.clock = clock;
    }

    @Override
    public byte[] publicKey() {
        return beacon.publicKey();
    }

    /** The round current at the clock's time. */
    @Override
    public long latestRound() {
        return beacon.roundAt(clock.millis() / 1000);
    }

    @Override
    public byte[] signature(long round) {
        return beacon.signature(round);
    }
}
