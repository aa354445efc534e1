package io.tao4j.localnet.node;

import io.tao4j.localnet.internal.Json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.crypto.Ss58;
import io.tao4j.localnet.runtime.AccountId;
import io.tao4j.localnet.runtime.Subnet;
import io.tao4j.localnet.runtime.SubtensorRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local network's genesis: funded accounts and subnets with their registered neurons and
 * stake. Accounts are written as Substrate secret URIs of the dev phrase ({@code //Alice},
 * {@code //Bob//validator}) or as SS58 addresses. {@link #defaults()} is the documented default
 * (dev accounts //Alice … //Ferdie with 1 000 000 TAO, every genesis hotkey with 1 000 TAO for fees)
 * that tests, the demo and users rely on; {@code tao4j localnet --print-genesis} prints it.
 */
public final class Genesis {
    public static final long TAO = 1_000_000_000L;

    public List<Account> accounts = new ArrayList<>();
    public double stakeThresholdTao = 1;
    public List<SubnetSpec> subnets = new ArrayList<>();

    /** A funded account. */
    public static final class Account {
        public String account;
        public double balanceTao;

        public Account() {
        }

        Account(String account, double balanceTao) {
            this.account = account;
            this.balanceTao = balanceTao;
        }
    }

    /** A neuron registered at genesis, optionally with stake (alpha) from its coldkey. */
    public static final class Neuron {
        public String coldkey;
        public String hotkey;
        public double stakeTao;
        @JsonProperty("role")
        public String role;

        public Neuron() {
        }

        Neuron(String role, String coldkey, String hotkey, double stakeTao) {
            this.role = role;
            this.coldkey = coldkey;
            this.hotkey = hotkey;
            this.stakeTao = stakeTao;
        }
    }

    /** A subnet and its hyperparameters. */
    public static final class SubnetSpec {
        public int netuid;
        public String ownerColdkey;
        public String ownerHotkey;
        public int tempo = 360;
        public long weightsRateLimit = 100;
        public long weightsVersionKey = 0;
        public int maxAllowedValidators = 64;
        public int maxAllowedUids = 256;
        public int minAllowedWeights = 1;
        public boolean commitReveal = false;
        public boolean transferEnabled = true;
        public double burnTao = 1;
        public double emissionPerBlockTao = 1;
        public long immunityPeriod = 4096;
        public List<Neuron> neurons = new ArrayList<>();
    }

    /** The documented default genesis (real-chain cadences: tempo 360, weights rate limit 100). */
    public static Genesis defaults() {
        Genesis g = new Genesis();
        for (String n : List.of("Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie")) {
            g.accounts.add(new Account("//" + n, 1_000_000));
        }
        SubnetSpec lfc = new SubnetSpec();
        lfc.netuid = 35;
        lfc.ownerColdkey = "//Alice";
        lfc.ownerHotkey = "//Alice//owner";
        lfc.neurons.add(new Neuron("validator", "//Bob", "//Bob//validator", 10_000));
        lfc.neurons.add(new Neuron("miner", "//Charlie", "//Charlie//miner", 0));
        lfc.neurons.add(new Neuron("aggregator", "//Charlie", "//Charlie//aggregator", 0));
        g.subnets.add(lfc);
        SubnetSpec mantis = new SubnetSpec();
        mantis.netuid = 123;
        mantis.ownerColdkey = "//Alice";
        mantis.ownerHotkey = "//Alice//owner";
        mantis.neurons.add(new Neuron("validator", "//Bob", "//Bob//mantis", 10_000));
        for (int i = 0; i < 4; i++) {
            mantis.neurons.add(new Neuron("miner", "//Eve", "//Eve//miner" + i, 0));
        }
        g.subnets.add(mantis);
        // hotkeys pay fees for what they sign themselves (commitments, registrations): give them some TAO
        for (String hot : List.of("//Alice//owner", "//Bob//validator", "//Charlie//miner", "//Charlie//aggregator",
                "//Bob//mantis", "//Eve//miner0", "//Eve//miner1", "//Eve//miner2", "//Eve//miner3")) {
            g.accounts.add(new Account(hot, 1_000));
        }
        return g;
    }

    /** Shortens the cadences for demos: tempo 20 and a weights rate limit of 5 blocks. */
    public Genesis fast() {
        for (SubnetSpec s : subnets) {
            s.tempo = Math.max(1, Math.min(s.tempo, 20));
            s.weightsRateLimit = Math.min(s.weightsRateLimit, 5);
            s.immunityPeriod = Math.min(s.immunityPeriod, 100);
        }
        return this;
    }

    public static ObjectMapper json() {
        return Json.MAPPER.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static Genesis read(Path file) {
        try {
            return json().readValue(Files.readAllBytes(file), Genesis.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read genesis file " + file + ": " + e.getMessage(), e);
        }
    }

    public String toJson() {
        try {
            return json().writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A secret URI (dev phrase) or an SS58 address → account id. */
    public static AccountId resolve(String account) {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("an account is missing in the genesis");
        }
        if (account.startsWith("/") || account.contains(" ")) {
            return new AccountId(Sr25519KeyPair.fromUri(account).publicKey());
        }
        try {
            return new AccountId(Ss58.decode(account));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + account + "' is neither a secret URI like //Alice nor an SS58 address: "
                    + e.getMessage());
        }
    }

    private static long rao(double tao) {
        return Math.round(tao * TAO);
    }

    /** Builds the runtime in its genesis state (block 0). */
    public SubtensorRuntime build() {
        SubtensorRuntime rt = new SubtensorRuntime();
        for (Account a : accounts) {
            rt.endow(resolve(a.account), rao(a.balanceTao));
        }
        rt.setStakeThreshold(rao(stakeThresholdTao));
        for (SubnetSpec s : subnets) {
            rt.createSubnet(new Subnet.Params(s.netuid, resolve(s.ownerColdkey), resolve(s.ownerHotkey), s.tempo,
                    s.weightsVersionKey, s.weightsRateLimit, s.maxAllowedValidators, s.maxAllowedUids, s.minAllowedWeights,
                    s.commitReveal, s.transferEnabled, rao(s.burnTao), rao(s.emissionPerBlockTao), s.immunityPeriod));
            for (Neuron n : s.neurons) {
                AccountId cold = resolve(n.coldkey);
                AccountId hot = resolve(n.hotkey);
                rt.registerAtGenesis(s.netuid, cold, hot);
                if (n.stakeTao > 0) {
                    rt.stakeAtGenesis(cold, hot, s.netuid, rao(n.stakeTao));
                }
            }
        }
        rt.refreshPermits();
        return rt;
    }
}
