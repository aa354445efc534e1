package io.tao4j.chain.tx;

import io.tao4j.chain.ChainException;
import io.tao4j.chain.OfflineClient;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.testing.Fixtures;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.scale.TypeDef;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.SignedExtension;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionExtensionsTest {
    static final byte[] FINNEY = Hex.decode("0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03");

    @Test
    void resolvesEveryExtensionOfSpec393And233InMetadataOrder() {
        Metadata md = Fixtures.spec393();
        var exts = new OfflineClient(md, FINNEY, new RuntimeVersion(393, 1)).extrinsicEncoder().extensions();
        assertThat(exts).extracting(TransactionExtension::identifier).containsExactly("CheckNonZeroSender",
                "CheckSpecVersion", "CheckTxVersion", "CheckGenesis", "CheckMortality", "CheckNonce", "CheckWeight",
                "ChargeTransactionPayment", "SudoTransactionExtension", "CheckShieldedTxValidity",
                "SubtensorTransactionExtension", "DrandPriority", "CheckMetadataHash");
        var old = new OfflineClient(Fixtures.spec233(), FINNEY, new RuntimeVersion(233, 1)).extrinsicEncoder().extensions();
        assertThat(old).extracting(TransactionExtension::identifier).contains("SubtensorSignedExtension",
                "CommitmentsSignedExtension");
    }

    private static int typeId(Metadata md, java.util.function.Predicate<TypeDef> p) {
        return md.types().types().stream().filter(t -> p.test(t.def())).findFirst().orElseThrow().id();
    }

    @Test
    void unknownEmptyExtensionIsAcceptedUnknownWithDataIsRefused() {
        Metadata md = Fixtures.spec393();
        int empty = typeId(md, d -> d instanceof TypeDef.Tuple t && t.elementTypes().isEmpty());
        int u32 = typeId(md, d -> d instanceof TypeDef.PrimitiveDef p && p.primitive() == io.tao4j.scale.Primitive.U32);
        List<SignedExtension> list = new ArrayList<>(md.extrinsic().signedExtensions(0));
        list.add(new SignedExtension("SomeFutureMarker", empty, empty));
        var resolved = TransactionExtensions.resolve(list, md.types(), Map.of());
        assertThat(resolved.get(resolved.size() - 1).identifier()).isEqualTo("SomeFutureMarker");

        list.add(new SignedExtension("ChargeSomethingNew", u32, empty));
        assertThatThrownBy(() -> TransactionExtensions.resolve(list, md.types(), Map.of()))
                .isInstanceOf(ChainException.class)
                .hasMessageContaining("ChargeSomethingNew").hasMessageContaining("carries data");

        // a known-empty identifier whose metadata type suddenly has data is refused as well
        List<SignedExtension> changed = List.of(new SignedExtension("DrandPriority", empty, u32));
        assertThatThrownBy(() -> TransactionExtensions.resolve(changed, md.types(), Map.of()))
                .hasMessageContaining("DrandPriority");
    }

    /** subtensor_golden_vectors.txt §5: set_weights on spec 393, era (64 @ 6852690), nonce 7, checked with polkadot-js. */
    @Test
    void goldenSetWeightsPayloadAndExtrinsic() {
        OfflineClient c = new OfflineClient(Fixtures.spec393(), FINNEY, new RuntimeVersion(393, 1));
        byte[] call = c.encodeCall("SubtensorModule", "set_weights",
                Map.of("netuid", 1, "dests", List.of(0), "weights", List.of(65535), "version_key", 0));
        assertThat(Hex.encode0x(call)).isEqualTo("0x0700010004000004ffff0000000000000000");
        byte[] birth = Hex.decode("0xdb13c066e2c63969f140164fb3bfe7a0aaa7b71407fc0fe525d68e57329ef9d0");
        TxParams p = TxParams.mortal(7, Era.mortal(64, 6852690), birth);
        assertThat(Hex.encode0x(c.extrinsicEncoder().extra(c.txContext(p)))).isEqualTo("0x25011c0000");
        assertThat(Hex.encode0x(c.signingPayload(call, p))).isEqualTo("0x0700010004000004ffff000000000000000025011c0000"
                + "89010000010000002f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03"
                + "db13c066e2c63969f140164fb3bfe7a0aaa7b71407fc0fe525d68e57329ef9d000");
        byte[] sig = Hex.decode("0x344c8a10976d8c1d222ee0f4d6ae80344b9e9718663ec142a53fb8a18fd4fa12242ba1e77dee6aa84d6a27967460c64addca81b31bfc06830249ca2bd1fad88f");
        Sr25519KeyPair alice = Sr25519KeyPair.fromUri("//Alice");
        SignedExtrinsic x = c.extrinsicEncoder().assemble(call, alice.publicKey(), sig, c.txContext(p), c.signingPayload(call, p));
        assertThat(x.hex()).isEqualTo("0xe9018400d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d01"
                + "344c8a10976d8c1d222ee0f4d6ae80344b9e9718663ec142a53fb8a18fd4fa12242ba1e77dee6aa84d6a27967460c64addca81b31bfc06830249ca2bd1fad88f"
                + "25011c00000700010004000004ffff0000000000000000");
        assertThat(Hex.encode0x(x.hash())).isEqualTo("0xe3b795b68f9090eaee6aaaea030489cd22dde8bfb773a5cf9d72aaacbabb0d10");
        assertThat(Sr25519.verify(alice.publicKey(), c.signingPayload(call, p), sig)).isTrue();
    }

    @Test
    void immortalCommitsToGenesisAndSignerLengthIsChecked() {
        OfflineClient c = new OfflineClient(Fixtures.spec393(), FINNEY, new RuntimeVersion(393, 1));
        byte[] call = Hex.decode("0x0700010004000004ffff0000000000000000");
        byte[] payload = c.signingPayload(call, TxParams.immortal(0));
        String hex = Hex.encode(payload);
        assertThat(hex).endsWith("2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03".repeat(2) + "00");
        io.tao4j.crypto.Signer bad = new io.tao4j.crypto.Signer() {
            public byte[] publicKey() {
                return new byte[32];
            }

            public byte[] sign(byte[] m) {
                return new byte[10];
            }
        };
        assertThatThrownBy(() -> c.sign(call, bad, TxParams.immortal(0))).hasMessageContaining("64");
    }
}
