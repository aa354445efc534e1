package io.tao4j.cli.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.Balance;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.Values;
import io.tao4j.chain.subtensor.StakeInfo;
import io.tao4j.chain.subtensor.Subtensor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The chain reads behind {@code wallet balance} and {@code wallet overview}, on one pinned block: free balance,
 * every stake of a coldkey valued in TAO (btcli's "staked value" without slippage), the subnets that exist.
 */
final class WalletChainReads {
    private static final String SUBTENSOR = "SubtensorModule";
    private final Subtensor st;
    private final OnlineClient client;
    private final Map<Integer, BigInteger[]> prices = new HashMap<>();
    private List<Integer> netuids;

    /** @param pinned a Subtensor pinned to one block ({@link Subtensor#at()}) */
    WalletChainReads(Subtensor pinned) {
        this.st = pinned;
        this.client = pinned.client();
    }

    String blockHash() {
        return st.pinnedBlockHash();
    }

    long block() {
        return st.currentBlock();
    }

    Balance free(String coldkeySs58) {
        return Balance.ofRao(st.freeBalance(coldkeySs58, null));
    }

    /** Every subnet that exists ({@code NetworksAdded}), ascending. */
    List<Integer> netuids() {
        if (netuids == null) {
            TreeSet<Integer> out = new TreeSet<>();
            for (OnlineClient.Entry e : client.iterate(SUBTENSOR, "NetworksAdded", List.of(), blockHash(), 1000)) {
                if (e.value() != null && e.value().asBoolean()) {
                    out.add(e.keyParts().get(0).asInt());
                }
            }
            netuids = List.copyOf(out);
        }
        return netuids;
    }

    /** One stake of the coldkey: alpha on a subnet through a hotkey. */
    record Stake(String hotkey, int netuid, Balance alpha, Balance taoValue) {
    }

    /**
     * The coldkey's stakes, read by {@link Subtensor#stakesOf} at this view's block (hotkeys from {@code StakingHotkeys}
     * and {@code OwnedHotkeys}, subnets from its {@code Alpha}/{@code AlphaV2} entries), each with its TAO value.
     * A runtime without share entries (pre-dTAO) is asked subnet by subnet. Zero stakes are left out.
     */
    List<Stake> stakes(String coldkeySs58) {
        List<Stake> out = new ArrayList<>();
        boolean shareEntries = client.metadata().findStorage(SUBTENSOR, "Alpha").isPresent()
                || client.metadata().findStorage(SUBTENSOR, "AlphaV2").isPresent();
        if (shareEntries) {
            for (StakeInfo s : st.stakesOf(coldkeySs58, blockHash())) {
                out.add(stake(s.hotkey(), s.netuid(), s.stake()));
            }
            return out;
        }
        Set<String> hotkeys = new LinkedHashSet<>();
        if (client.metadata().findStorage(SUBTENSOR, "StakingHotkeys").isPresent()) {
            client.query(SUBTENSOR, "StakingHotkeys", List.of(coldkeySs58), blockHash()).forEach(n -> hotkeys.add(n.asText()));
        }
        hotkeys.addAll(st.ownedHotkeys(coldkeySs58, null));
        for (String hot : hotkeys) {
            for (int netuid : netuids()) {
                long rao = st.stake(coldkeySs58, hot, netuid, null).stake();
                if (rao != 0) {
                    out.add(stake(hot, netuid, rao));
                }
            }
        }
        return out;
    }

    private Stake stake(String hotkey, int netuid, long rao) {
        Balance alpha = Balance.ofAlphaRao(rao, netuid);
        return new Stake(hotkey, netuid, alpha, taoValue(alpha));
    }

    /** The sum of {@link #stakes}' TAO values. */
    Balance staked(String coldkeySs58) {
        Balance total = Balance.ofRao(0);
        for (Stake s : stakes(coldkeySs58)) {
            total = total.plus(s.taoValue());
        }
        return total;
    }

    /**
     * Alpha valued at the subnet's pool price {@code SubnetTAO / SubnetAlphaIn} (truncated to the rao), as btcli's
     * {@code alpha_to_tao}. Subnet 0 is TAO itself. An empty pool ({@code SubnetAlphaIn} 0) prices alpha at 1 TAO, as
     * btcli's {@code DynamicInfo} does; so does a runtime without pools (pre-dTAO), and the local network, which
     * keeps no pools and stakes TAO and alpha 1:1.
     */
    Balance taoValue(Balance alpha) {
        int netuid = alpha.netuid();
        if (netuid == 0) {
            return Balance.ofRao(alpha.rao());
        }
        BigInteger[] p = prices.computeIfAbsent(netuid, this::price);
        if (p == null) {
            return Balance.ofRao(alpha.rao());
        }
        return Balance.ofRao(alpha.rao().multiply(p[0]).divide(p[1]));
    }

    private BigInteger[] price(int netuid) {
        if (client.metadata().findStorage(SUBTENSOR, "SubnetTAO").isEmpty()
                || client.metadata().findStorage(SUBTENSOR, "SubnetAlphaIn").isEmpty()) {
            return null;
        }
        BigInteger tao = bigInt(client.query(SUBTENSOR, "SubnetTAO", List.of(netuid), blockHash()));
        BigInteger alphaIn = bigInt(client.query(SUBTENSOR, "SubnetAlphaIn", List.of(netuid), blockHash()));
        if (alphaIn.signum() == 0) {
            return null; // btcli's DynamicInfo: an empty pool prices alpha at 1 TAO
        }
        return new BigInteger[]{tao, alphaIn};
    }

    private static BigInteger bigInt(JsonNode n) {
        return n == null || n.isNull() ? BigInteger.ZERO : Values.bigInt(n);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** One JSON document with amounts written as plain decimals (0.000000001, never 1E-9). */
    static String json(JsonNode root) {
        try {
            return PLAIN.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TAO amount as btcli's JSON number ({@code Balance.tao}), exact: at least one decimal, no trailing zeros. */
    static BigDecimal jsonTao(Balance b) {
        BigDecimal d = b.tao().stripTrailingZeros();
        return d.scale() < 1 ? d.setScale(1) : d;
    }
}
