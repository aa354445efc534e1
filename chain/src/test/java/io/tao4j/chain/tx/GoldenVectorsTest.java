package io.tao4j.chain.tx;

import io.tao4j.chain.OfflineClient;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.testing.Fixtures;
import io.tao4j.crypto.Hex;
import io.tao4j.scale.metadata.Metadata;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every storage key of fixtures/vectors/subtensor_golden_vectors.txt §2 (spec 393, checked there against
 * polkadot-js) rebuilt from the metadata, and the extension lists of all six real metadata blobs resolved.
 */
class GoldenVectorsTest {
    static final String ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    static final String BOB = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
    static final Pattern KEY = Pattern.compile("^\\s+(\\w+)\\.(\\w+)(?:\\(([^)]*)\\))?( prefix)? = (0x[0-9a-f]+)$");

    @TestFactory
    List<DynamicTest> section2StorageKeys() throws IOException {
        OfflineClient c = new OfflineClient(Fixtures.spec393(), new byte[32], new RuntimeVersion(393, 1));
        List<String> lines = Files.readAllLines(Fixtures.shared("fixtures", "vectors", "subtensor_golden_vectors.txt"));
        int start = lines.indexOf("## 2. Storage keys (netuid=1, uid=0, hotkey=//Alice, coldkey=//Bob)");
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = KEY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(line.strip().substring(0, line.strip().indexOf(" =")), () -> {
                List<Object> keys = new ArrayList<>();
                boolean prefix = m.group(4) != null;
                if (m.group(3) != null) {
                    for (String a : m.group(3).split(",\\s*")) {
                        switch (a) {
                            case "alice" -> keys.add(ALICE);
                            case "bob" -> keys.add(BOB);
                            case "*" -> prefix = true;
                            default -> keys.add(Integer.parseInt(a));
                        }
                    }
                }
                byte[] key;
                if (m.group(2).equals("AlphaV2") && c.metadata().findStorage("SubtensorModule", "AlphaV2").isEmpty()) {
                    // spec ≥ 397 only; same hashers and key types as Alpha (spec §2.2)
                    var a = c.storage().entry("SubtensorModule", "Alpha");
                    var v2 = new io.tao4j.scale.metadata.StorageEntry(a.pallet(), a.prefix(), "AlphaV2", a.modifier(),
                            a.hashers(), a.keyType(), a.keyTypes(), a.valueType(), a.defaultValue(), a.docs());
                    key = c.storage().key(v2, keys);
                } else {
                    key = prefix ? c.storage().prefix(m.group(1), m.group(2), keys) : c.storageKey(m.group(1), m.group(2), keys);
                }
                assertThat(Hex.encode0x(key)).isEqualTo(m.group(5));
            }));
        }
        assertThat(tests).hasSizeGreaterThan(15);
        return tests;
    }

    @Test
    void everyRealMetadataBlobResolvesItsExtensions() {
        for (String f : List.of("mainnet-spec219.v14.json", "testnet-spec233.v14.json", "finney-spec343.v14.hex",
                "finney-spec343.v15.hex", "finney-spec365.v16.scale", "finney-spec393.v16.scale")) {
            Metadata md = Fixtures.metadata(f);
            OfflineClient c = new OfflineClient(md, new byte[32], new RuntimeVersion(md.specVersion(), 1));
            List<String> ids = c.extrinsicEncoder().extensions().stream().map(TransactionExtension::identifier).toList();
            assertThat(ids).as(f).startsWith("CheckNonZeroSender", "CheckSpecVersion", "CheckTxVersion", "CheckGenesis",
                    "CheckMortality", "CheckNonce", "CheckWeight", "ChargeTransactionPayment").endsWith("CheckMetadataHash");
            // spec §6.2: the bytes never changed: extra = era ‖ nonce ‖ tip ‖ mode, additional = spec ‖ tx ‖ genesis ‖ birth ‖ 00
            TxParams p = TxParams.mortal(7, Era.mortal(64, 6852690), new byte[32]);
            assertThat(Hex.encode(c.extrinsicEncoder().extra(c.txContext(p)))).as(f).isEqualTo("25011c0000");
            assertThat(c.extrinsicEncoder().additional(c.txContext(p))).as(f).hasSize(4 + 4 + 32 + 32 + 1);
        }
    }
}
