package io.tao4j.mantis.miner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.drand.Beacon;
import io.tao4j.drand.DrandClient;
import io.tao4j.mantis.payload.MantisV2;
import io.tao4j.mantis.payload.OpenResult;
import io.tao4j.mantis.payload.PayloadOpener;
import io.tao4j.mantis.payload.PayloadSealer;
import io.tao4j.mantis.payload.V2Submission;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;
import io.tao4j.localnet.Localnet;
import io.tao4j.mantis.model.ModelSet;
import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The miner against a real local network (250 ms blocks): commit the URL, run sealed-upload cycles,
 * fetch the payload from the public URL and open it with the local beacon's signature once its round
 * is published.
 */
class MinerLocalnetTest {

    @Test
    void commitsUploadsAndTheUploadedPayloadOpens() throws Exception {
        Sr25519KeyPair hot = Sr25519KeyPair.fromUri("//Eve//miner0");
        try (Localnet net = Localnet.start(Localnet.Config.defaults().fast().onFreePorts());
             Subtensor st = Subtensor.connect(net.rpcUrl(), Subtensor.Options.defaults())) {
            LocalnetDiscovery d = LocalnetDiscovery.fetch(LocalnetDiscovery.documentFor(URI.create(net.rpcUrl())));
            String url = d.publicBaseUrl() + "/" + hot.ss58();

            MinerChain chain = new SubtensorMinerChain(st, hot, hot.ss58(), 123);
            assertThat(chain.commitment()).isEmpty();
            assertThat(Commitment.ensure(chain, hot.ss58(), 123, url, Duration.ofSeconds(10))).isEqualTo(Commitment.Outcome.COMMITTED);
            assertThat(st.allCommitments(123, null)).containsEntry(hot.ss58(), url);
            assertThat(Commitment.ensure(chain, hot.ss58(), 123, url, Duration.ofSeconds(10))).isEqualTo(Commitment.Outcome.ALREADY_COMMITTED);
            Sr25519KeyPair stranger = Sr25519KeyPair.fromUri("//Ferdie//nobody");
            assertThat(new SubtensorMinerChain(st, stranger, stranger.ss58(), 123).isRegistered()).isFalse();

            PayloadSealer sealer = new PayloadSealer(new Tlock(d.drand().publicKeyPoint()), MantisV2.ownerPublicKey(),
                    TlockLayout.CURRENT, new SecureRandom());
            List<MinerCycle.Result> results = new ArrayList<>();
            try (S3Uploader up = new S3Uploader(new S3Uploader.Target(d.s3Endpoint(), d.bucket(), d.region(), d.accessKeyId(),
                    d.secretAccessKey()))) {
                MinerCycle cycle = new MinerCycle(hot.ss58(), Clock.systemUTC(), HttpPrices.history(d.historyUrl(), 2880, 10),
                        ModelSet.baseline(), d.drand(), 3, sealer::seal, up);
                MinerLoop loop = new MinerLoop(() -> {
                    MinerCycle.Result r = cycle.run();
                    results.add(r);
                    return r;
                }, Duration.ofMillis(500), dd -> Thread.sleep(dd.toMillis()));
                assertThat(loop.run(2)).isEqualTo(new MinerLoop.Stats(2, 2, 0));
            }
            MinerCycle.Result last = results.get(1);
            HttpResponse<String> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).as("the second upload replaced the first").isEqualTo(last.payloadJson());

            DrandClient drand = new DrandClient(DrandClient.Config.defaults(null).withRelays(List.of(d.drandBaseUrl())).withChain(d.drand()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Optional<Beacon> b = drand.tryBeacon(last.round());
            while (b.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                b = drand.tryBeacon(last.round());
            }
            assertThat(b).as("beacon of round " + last.round()).isPresent();
            byte[] sig = b.get().signature();
            OpenResult opened = new PayloadOpener().openRaw(got.body().getBytes(), r -> sig, hot.ss58());
            assertThat(opened).isInstanceOf(OpenResult.Opened.class);
            var plain = new ObjectMapper().readTree(((OpenResult.Opened) opened).plaintext());
            Map<String, double[]> sanitized = V2Submission.sanitize(plain);
            assertThat(last.embeddings().keySet()).containsExactlyElementsOf(Protocol.BCFF57B.tickers());
            for (Map.Entry<String, double[]> e : last.embeddings().entrySet()) {
                if (Protocol.P2E9BC5B.byTicker(e.getKey()).isPresent()) {
                    assertThat(sanitized.get(e.getKey())).as(e.getKey()).containsExactly(e.getValue(), within(1e-12));
                } else {
                    // the multi-asset challenges travel in the per-asset object form, one entry per asset
                    assertThat(plain.get(e.getKey()).size()).as(e.getKey())
                            .isEqualTo(Protocol.BCFF57B.byTicker(e.getKey()).orElseThrow().assets().size());
                }
            }
        }
    }
}
