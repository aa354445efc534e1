package io.tao4j.mantis.validator;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.drand.DrandClient;
import io.tao4j.mantis.payload.MantisV2;
import io.tao4j.mantis.payload.PayloadOpener;
import io.tao4j.mantis.payload.PayloadSealer;
import io.tao4j.mantis.payload.RejectReason;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;
import io.tao4j.localnet.Localnet;
import io.tao4j.mantis.collect.CommitUrlRules;
import io.tao4j.mantis.collect.PayloadCollector;
import io.tao4j.mantis.collect.Rejection;
import io.tao4j.mantis.ledger.DatalogReader;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.miner.LocalnetDiscovery;
import io.tao4j.mantis.miner.S3Uploader;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.SalienceEngine;
import io.tao4j.mantis.salience.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator loop against a real local network (blocks produced by the test): simulated miners with a
 * valid payload, a payload claiming another hotkey, garbage and then an oversized object, a commitment on
 * a host that is not allowed, and no commitment at all.
 */
class ValidatorLocalnetTest {
    static final int NETUID = 123;

    @Test
    void collectsDecryptsAndCountsRejectionsOnALocalNetwork(@TempDir Path dir) throws Exception {
        Sr25519KeyPair good = Sr25519KeyPair.fromUri("//Eve//miner0");
        Sr25519KeyPair liar = Sr25519KeyPair.fromUri("//Eve//miner1");
        Sr25519KeyPair junk = Sr25519KeyPair.fromUri("//Eve//miner2");
        Sr25519KeyPair silent = Sr25519KeyPair.fromUri("//Eve//miner3");
        Sr25519KeyPair validator = Sr25519KeyPair.fromUri("//Bob//mantis");
        try (Localnet net = Localnet.start(Localnet.Config.defaults().fast().forTests());
             WsRpcClient ws = WsRpcClient.connect(net.rpcUrl())) {
            URI doc = LocalnetDiscovery.documentFor(URI.create(net.rpcUrl()));
            LocalnetDefaults local = LocalnetDefaults.fetch(doc);
            LocalnetDiscovery d = LocalnetDiscovery.fetch(doc);
            assertThat(local.allowedHosts()).containsExactly("127.0.0.1");

            Subtensor st = Subtensor.of(OnlineClient.connect(ws));
            String base = d.publicBaseUrl();
            for (Sr25519KeyPair m : List.of(good, liar, junk)) {
                commit(st, net, m, base + "/" + m.ss58());
            }
            // the validator's own hotkey commits a URL on a host that is not allowed
            commit(st, net, validator, base.replace("127.0.0.1", "localhost") + "/" + validator.ss58());

            PayloadSealer sealer = new PayloadSealer(new Tlock(d.drand().publicKeyPoint()), MantisV2.ownerPublicKey(),
                    TlockLayout.CURRENT, new SecureRandom());
            long round = net.beacon().currentRound(); // already published: opens as soon as it matures
            String plain = "{\"hotkey\":\"" + good.ss58() + "\",\"ETH\":[0.25,-0.75]}";
            try (S3Uploader up = new S3Uploader(new S3Uploader.Target(d.s3Endpoint(), d.bucket(), d.region(), d.accessKeyId(),
                    d.secretAccessKey()))) {
                up.put(good.ss58(), sealer.seal(good.ss58(), round, plain.getBytes(StandardCharsets.UTF_8)).toJson()
                        .getBytes(StandardCharsets.UTF_8));
                up.put(liar.ss58(), sealer.seal(liar.ss58(), round, plain.getBytes(StandardCharsets.UTF_8)).toJson()
                        .getBytes(StandardCharsets.UTF_8));
                up.put(junk.ss58(), "this is not a payload".getBytes(StandardCharsets.UTF_8));

                DrandClient drand = new DrandClient(DrandClient.Config.defaults(null).withRelays(List.of(local.drandBaseUrl()))
                        .withChain(local.drand()));
                Decryptor decryptor = new Decryptor(new PayloadOpener(), PayloadOpener.SignatureSource.from(drand), 300, 2000);
                PayloadCollector collector = new PayloadCollector(new CommitUrlRules(local.allowedHosts()),
                        new PayloadCollector.Limits(4, Duration.ofSeconds(2), Duration.ofSeconds(5), 64 * 1024));
                Path db = dir.resolve("ledger.db");
                Map<RejectReason, Integer> decryptRejects = new EnumMap<>(RejectReason.class);
                AtomicInteger opened = new AtomicInteger();
                try (Ledger ledger = Ledger.open(db, MantisConfig.CHALLENGES);
                     MantisValidator loop = new MantisValidator(new SubtensorValidatorChain(st, validator, NETUID),
                             new LatestPrices(URI.create(local.priceUrl())), c -> collector.collect(c, Duration.ofSeconds(10)), ledger,
                             (l, b) -> {
                                 Decryptor.Report r = decryptor.process(l, b);
                                 r.rejected().forEach((k, v) -> decryptRejects.merge(k, v, Integer::sum));
                                 opened.addAndGet(r.opened());
                                 return r;
                             },
                             b -> new SalienceEngine().multiSalience(DatalogReader.read(db, MantisConfig.CHALLENGES,
                                     OptionalLong.of(b / MantisConfig.SAMPLE_EVERY))),
                             MantisConfig.CHALLENGES, true)) {
                    long first = -1;
                    long last = 0;
                    for (int i = 0; i < 330; i++) {
                        long b = net.produceBlock().number();
                        if (loop.step(b) && first < 0) {
                            first = b;
                        }
                        last = b;
                        if (i == 40) {
                            up.put(junk.ss58(), new byte[200 * 1024]); // larger than this collector's limit
                        }
                    }
                    MantisValidator.Stats s = loop.stats();
                    long steps = (last - first) / 5 + 1;
                    assertThat(s.steps()).isEqualTo(steps);
                    assertThat(ledger.blockCount()).isEqualTo(steps);
                    assertThat(s.rejected().get(Rejection.NO_COMMITMENT)).as("owner and miner3 never commit").isEqualTo(2 * steps);
                    assertThat(s.rejected().get(Rejection.HOST_NOT_ALLOWED)).isEqualTo(steps);
                    assertThat(s.rejected().get(Rejection.NOT_JSON)).isPositive();
                    assertThat(s.rejected().get(Rejection.TOO_LARGE)).isPositive();
                    assertThat(s.rejected().get(Rejection.NOT_JSON) + s.rejected().get(Rejection.TOO_LARGE)).isEqualTo(steps);
                    assertThat(s.collected()).isEqualTo(2 * steps);
                    // what is at least 300 blocks old was opened: the good miner's vectors are in, the liar's refused
                    assertThat(opened.get()).isPositive();
                    assertThat(decryptRejects.get(RejectReason.HOTKEY_MISMATCH)).isEqualTo(opened.get());
                    assertThat(ledger.firstSeen()).containsKey(good.ss58()).doesNotContainKey(liar.ss58());
                    assertThat(s.pending()).isEqualTo(ledger.pendingCount()).isEqualTo(2 * steps - 2L * opened.get());
                }
                TrainingData td = DatalogReader.read(db, MantisConfig.CHALLENGES, OptionalLong.empty());
                var eth = td.series("ETH").orElseThrow();
                assertThat(eth.hotkeys()).containsExactly(good.ss58());
                float[] v = eth.embedding(0);
                int withVector = 0;
                for (int t = 0; t < eth.rows(); t++) {
                    if (v[2 * t] != 0 || v[2 * t + 1] != 0) {
                        assertThat(new float[] {v[2 * t], v[2 * t + 1]}).as("row " + t).containsExactly(0.25f, -0.75f);
                        withVector++;
                    }
                }
                assertThat(withVector).as("one stored vector per opened payload").isEqualTo(opened.get());
                assertThat(silent.ss58()).isNotEqualTo(good.ss58());
            }
        }
    }

    private static void commit(Subtensor st, Localnet net, Sr25519KeyPair hot, String url) {
        var out = st.setCommitment(hot, NETUID, url, OnlineClient.WaitFor.NOTHING);
        assertThat(out.isSuccess()).as(out.message()).isTrue();
        net.produceBlock();
    }
}
