package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.chain.subtensor.DrandPulse;
import io.tao4j.localnet.runtime.SubtensorRuntime;
import io.tao4j.scale.DynamicCodec;
import io.tao4j.scale.ScaleException;
import io.tao4j.scale.ScaleReader;
import io.tao4j.scale.ScaleWriter;
import io.tao4j.scale.metadata.CallInfo;
import io.tao4j.scale.metadata.Metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bare (unsigned, v4 {@code 0x04}) {@code Drand.write_pulse(pulses_payload, signature)} extrinsic
 * the block producer puts first in a block, encoded with the metadata's call type as Subtensor's drand
 * offchain worker sends it: {@code PulsesPayload{block_number u32, pulses Vec<Pulse>, public MultiSigner}}
 * and {@code Some(MultiSignature::Sr25519)} over the SCALE payload, signed by the node's authority key.
 */
public final class PulseExtrinsic {
    /** A decoded write_pulse: the block it was made for, its pulses and its authority. */
    public record Decoded(long blockNumber, List<DrandPulse> pulses, byte[] authority,
                          boolean authoritySignatureValid) {
    }

    private final Metadata metadata;
    private final CallInfo call;
    private final int payloadType;

    public PulseExtrinsic(Metadata metadata) {
        this.metadata = metadata;
        this.call = metadata.call("Drand", "write_pulse");
        this.payloadType = call.fields().get(0).type();
    }

    /** True if {@code bytes} (a length-prefixed extrinsic) is a bare, unsigned one. */
    public static boolean isBare(byte[] bytes) {
        try {
            ScaleReader r = new ScaleReader(bytes);
            r.readCompactInt("extrinsic length");
            return r.remaining() > 0 && (r.readU8() & 0x80) == 0;
        } catch (ScaleException e) {
            return false;
        }
    }

    /** Encodes the extrinsic for block {@code blockNumber}, signed by {@code authority}. */
    public byte[] encode(long blockNumber, List<DrandPulse> pulses, Sr25519KeyPair authority) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("block_number", blockNumber);
        List<Object> list = new ArrayList<>();
        for (DrandPulse p : pulses) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("round", p.round());
            m.put("randomness", p.randomness());
            m.put("signature", p.signature());
            list.add(m);
        }
        payload.put("pulses", list);
        payload.put("public", Map.of("Sr25519", authority.publicKey()));
        byte[] payloadBytes = DynamicCodec.encode(metadata.types(), payloadType, payload, "Drand.write_pulse.pulses_payload");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("pulses_payload", payload);
        args.put("signature", Map.of("Sr25519", authority.sign(payloadBytes)));
        byte[] callData = metadata.callData("Drand", "write_pulse", args);
        byte[] body = new byte[callData.length + 1];
        body[0] = 0x04;
        System.arraycopy(callData, 0, body, 1, callData.length);
        return new ScaleWriter().writeByteVec(body).toByteArray();
    }

    /**
     * Decodes a bare extrinsic that must be {@code Drand.write_pulse}; throws IllegalArgumentException
     * naming what is wrong otherwise.
     */
    public Decoded decode(byte[] bytes) {
        try {
            ScaleReader r = new ScaleReader(bytes);
            byte[] body = r.readBytes(r.readCompactInt("extrinsic length"), "extrinsic body");
            r.expectEnd("extrinsic");
            ScaleReader b = new ScaleReader(body);
            int version = b.readU8();
            if (version != 0x04) {
                throw new IllegalArgumentException(String.format("not a bare v4 extrinsic (version byte 0x%02x)", version));
            }
            int pallet = b.readU8();
            int index = b.readU8();
            if (pallet != call.palletIndex() || index != call.index()) {
                String name = metadata.call(pallet, index).map(c -> c.pallet() + "." + c.name()).orElse("unknown call");
                throw new IllegalArgumentException("bare extrinsic is " + name + "; only Drand.write_pulse may be unsigned");
            }
            int start = b.position();
            JsonNode payload = DynamicCodec.decode(metadata.types(), payloadType, b);
            byte[] payloadBytes = Arrays.copyOfRange(body, start, b.position());
            JsonNode sig = DynamicCodec.decode(metadata.types(), call.fields().get(1).type(), b);
            b.expectEnd("Drand.write_pulse");
            List<DrandPulse> pulses = new ArrayList<>();
            for (JsonNode p : payload.get("pulses")) {
                pulses.add(new DrandPulse(p.get("round").asLong(), Hex.decode(p.get("randomness").asText()),
                        Hex.decode(p.get("signature").asText())));
            }
            JsonNode pub = payload.get("public").get("Sr25519");
            byte[] authority = pub == null ? new byte[0] : Hex.decode(pub.asText());
            boolean sigOk = false;
            if (pub != null && sig != null && !sig.isNull() && sig.get("Sr25519") != null) {
                sigOk = Sr25519.verify(authority, payloadBytes, Hex.decode(sig.get("Sr25519").asText()));
            }
            return new Decoded(payload.get("block_number").asLong(), pulses, authority, sigOk);
        } catch (ScaleException e) {
            throw new IllegalArgumentException("cannot decode Drand.write_pulse: " + e.getMessage(), e);
        }
    }
}
