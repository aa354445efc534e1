package io.tao4j.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.Localnet;
import io.tao4j.localnet.prices.PriceModel;
import io.tao4j.mantis.miner.LocalnetDiscovery;
import io.tao4j.mantis.validator.LocalnetDefaults;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's network bring-up: two weeks (by default) of MANTIS history for four miners (the protocol's challenges:
 * {@link DemoHeadHistory} at bcff57b, {@link DemoHistory} at 2e9bc5b), the embedded local
 * network (250 ms blocks; subnet 123 with commit-reveal) serving that history as a datalog archive, and the
 * MANTIS miners ({@link #withUids} adds their UIDs).
 *
 * @param discovery what miners read from the discovery document (store, drand, prices)
 * @param defaults  what the validator reads from it (drand relay, price feed, allowed payload hosts, block time)
 * @param archive   the history's address on the local network's store
 * @param miners    the four simulated MANTIS miners with their UIDs
 */
record DemoNetwork(Localnet net, LocalnetDiscovery discovery, LocalnetDefaults defaults, URI archive, List<Demo.MinerInfo> miners) {
    static final String[] MINER_NAMES = {"baseline", "noisy", "garbage", "copycat"};

    /** The hotkey URI of MANTIS miner {@code i}. */
    static String minerUri(int i) {
        return "//Eve//miner" + i;
    }

    static DemoNetwork start(Demo.Options options, DemoRuntime rt) throws Exception {
        Map<String, Double> startPrices = new LinkedHashMap<>();
        for (PriceModel.Asset a : PriceModel.DEFAULT_ASSETS) {
            startPrices.put(a.ticker(), a.start());
        }
        List<Demo.MinerInfo> planned = new ArrayList<>();
        DemoHistory.Kind[] kinds = DemoHistory.Kind.values();
        List<DemoHistory.Miner> historic = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String hk = Sr25519KeyPair.fromUri(minerUri(i)).ss58();
            planned.add(new Demo.MinerInfo(MINER_NAMES[i], kinds[i], hk, -1));
            historic.add(new DemoHistory.Miner(hk, kinds[i]));
        }
        int steps = options.historyDays() * 1440;
        io.tao4j.mantis.protocol.Protocol protocol = options.protocol();
        rt.say("generating %d days of MANTIS history at protocol %s (%d steps, %d challenges, 4 miners)…", options.historyDays(),
                protocol.id(), steps, protocol.challenges().size());
        long t0 = System.nanoTime();
        Path file = options.workDir().resolve("history").resolve("datalog.db");
        DemoHistory.Result history = protocol == io.tao4j.mantis.protocol.Protocol.P2E9BC5B
                ? DemoHistory.write(file, steps, historic, startPrices, 20261122L)
                : DemoHeadHistory.write(file, steps, historic, protocol, 20261122L);
        rt.say("history: %d vectors, %.1f MB, blocks %d…%d, written in %.1f s", history.vectors(), history.bytes() / 1e6,
                history.firstBlock(), history.lastBlock(), (System.nanoTime() - t0) / 1e9);

        Localnet.Config config = Localnet.Config.defaults().fast().onFreePorts();
        // MANTIS weights go through commit-reveal: timelocked to the local beacon, revealed by the chain from its pulses
        config.genesis().subnets.stream().filter(sn -> sn.netuid == Demo.MANTIS_NETUID).forEach(sn -> sn.commitReveal = true);
        Localnet net = Localnet.start(config);
        try {
            rt.say("local network: %s (250 ms blocks), discovery %s/localnet.json", net.rpcUrl(), net.httpRpcUrl());
            JsonNode doc = net.discovery();
            LocalnetDiscovery disc = LocalnetDiscovery.parse(doc);
            LocalnetDefaults defaults = LocalnetDefaults.parse(doc);
            String archiveKey = "datalog/datalog.db";
            net.store().publish(archiveKey, Files.readAllBytes(history.file()), "application/vnd.sqlite3");
            URI archiveUrl = URI.create(DemoRuntime.stripSlash(disc.publicBaseUrl()) + "/" + archiveKey);
            rt.say("the local network serves the history at %s", archiveUrl);
            return new DemoNetwork(net, disc, defaults, archiveUrl, List.copyOf(planned));
        } catch (Exception | Error e) {
            net.close();
            throw e;
        }
    }

    /** The same with the miners' UIDs read from the chain. */
    DemoNetwork withUids(Subtensor st) {
        List<Demo.MinerInfo> out = new ArrayList<>();
        for (Demo.MinerInfo m : miners) {
            Integer uid = st.uidForHotkey(m.hotkey(), Demo.MANTIS_NETUID, null);
            if (uid == null) {
                throw new IllegalStateException("MANTIS miner " + m.hotkey() + " is not registered on subnet " + Demo.MANTIS_NETUID);
            }
            out.add(new Demo.MinerInfo(m.name(), m.kind(), m.hotkey(), uid));
        }
        return new DemoNetwork(net, discovery, defaults, archive, List.copyOf(out));
    }
}
