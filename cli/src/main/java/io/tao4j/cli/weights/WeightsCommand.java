package io.tao4j.cli.weights;

import io.tao4j.cli.GroupCommand;

import io.tao4j.chain.subtensor.OperatorReads;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.chain.subtensor.WeightConversion;
import io.tao4j.cli.CliException;
import io.tao4j.cli.OperatorCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** `tao4j weights`: hash commit-reveal (btcli weights commit/reveal) and setting weights by hand. */
@Command(name = "weights", mixinStandardHelpOptions = true,
        description = "Commit, reveal and set weights (btcli weights).",
        subcommands = {WeightsCommand.Commit.class, WeightsCommand.Reveal.class, WeightsCommand.Set.class})
public final class WeightsCommand extends GroupCommand {

    /** Options of every weights verb: netuid, uids, weights (floats, normalised as the SDK does), version key. */
    abstract static class Base extends OperatorCommand {
        @Option(names = "--netuid", required = true, paramLabel = "NETUID")
        int netuid;

        @Option(names = {"--uids", "-u"}, required = true, split = ",", paramLabel = "UID", description = "UIDs, comma-separated.")
        int[] uids;

        @Option(names = {"--weights", "-w"}, required = true, split = ",", paramLabel = "W",
                description = "Weights (floats), comma-separated; converted to u16 as the SDK does.")
        double[] weights;

        @Option(names = "--version-key", paramLabel = "N", description = "Weights version key (default: the subnet's).")
        Long versionKey;

        /** Every weights command starts from the checked, converted --uids/--weights. */
        @Override
        protected final int run(Subtensor st) {
            return run(st, emit());
        }

        /** The command, given the weights as the chain takes them. */
        abstract int run(Subtensor st, WeightConversion.Emit e);

        WeightConversion.Emit emit() {
            if (uids.length != weights.length) {
                throw new CliException("--uids and --weights must have the same length (" + uids.length + " vs " + weights.length + ")", 2);
            }
            WeightConversion.Emit e = WeightConversion.convert(uids, weights);
            if (e.isEmpty()) {
                throw new CliException("all weights are zero: nothing to set", 2);
            }
            return e;
        }

        long versionKey(Subtensor st) {
            return versionKey != null ? versionKey : st.weightsVersionKey(netuid, null);
        }

        Map<String, Object> weightsRead(Subtensor st, String hot) {
            Map<String, Object> r = result();
            Integer uid = st.uidForHotkey(hot, netuid, null);
            r.put("uid", uid);
            if (uid != null) {
                List<List<Integer>> row = new ArrayList<>();
                st.weightsOf(netuid, uid, null).forEach((k, v) -> row.add(List.of(k, v)));
                r.put("weights_on_chain", row);
            }
            return r;
        }
    }

    /** Options of commit and reveal: the salt. */
    abstract static class Salted extends Base {
        @Option(names = "--salt", split = ",", paramLabel = "U16", description = "Salt (u16 values, comma-separated).")
        int[] salt;
    }

    @Command(name = "commit", mixinStandardHelpOptions = true,
            description = "Commit a hash of weights (commit_weights); reveal them later with the same uids, weights and salt.")
    public static final class Commit extends Salted {
        @Override
        int run(Subtensor st, WeightConversion.Emit e) {
            if (salt == null) {
                java.security.SecureRandom rnd = new java.security.SecureRandom();
                salt = new int[8];
                for (int i = 0; i < salt.length; i++) {
                    salt[i] = rnd.nextInt(65536);
                }
            }
            var hotkey = hotkeyPair();
            String hot = hotkey.ss58();
            long vk = versionKey(st);
            byte[] hash = OperatorReads.weightCommitHash(hot, netuid, e.uids(), e.weights(), salt, vk);
            Map<String, Object> r = result();
            r.put("netuid", netuid);
            r.put("hotkey", hot);
            r.put("commit_hash", io.tao4j.crypto.Hex.encode0x(hash));
            r.put("salt", salt);
            r.put("version_key", vk);
            submit(st, hotkey, "Committing weights of " + hot + " on netuid " + netuid + " (hash " + r.get("commit_hash")
                    + ", salt " + java.util.Arrays.toString(salt) + ")", c -> io.tao4j.chain.subtensor.OperatorCalls.commitWeights(c, netuid, hash), r);
            List<Object> pending = new ArrayList<>();
            st.at().weightCommits(netuid, hot, null).forEach(c -> pending.add(Map.of("hash", c.hash(), "commit_block", c.commitBlock(),
                    "first_reveal_block", c.firstRevealBlock(), "last_reveal_block", c.lastRevealBlock())));
            r.put("pending_commits", pending);
            print(r);
            return 0;
        }
    }

    @Command(name = "reveal", mixinStandardHelpOptions = true, description = "Reveal committed weights (reveal_weights).")
    public static final class Reveal extends Salted {
        @Override
        int run(Subtensor st, WeightConversion.Emit e) {
            if (salt == null) {
                throw new CliException("--salt is required to reveal (the salt the commit used)", 2);
            }
            var hotkey = hotkeyPair();
            String hot = hotkey.ss58();
            long vk = versionKey(st);
            Map<String, Object> r = result();
            r.put("netuid", netuid);
            r.put("hotkey", hot);
            submit(st, hotkey, "Revealing weights of " + hot + " on netuid " + netuid,
                    c -> io.tao4j.chain.subtensor.OperatorCalls.revealWeights(c, netuid, e.uids(), e.weights(), salt, vk), r);
            r.putAll(weightsRead(st.at(), hot));
            print(r);
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set weights by hand (Subtensor.setWeights: the SDK's gate; a timelocked commit on commit-reveal subnets).")
    public static final class Set extends Base {
        @Override
        int run(Subtensor st, WeightConversion.Emit e) {
            var hotkey = hotkeyPair();
            String hot = hotkey.ss58();
            long vk = versionKey(st);
            java.io.PrintWriter info = json ? err() : out();
            info.println("Setting weights of " + hot + " on netuid " + netuid + ": uids " + java.util.Arrays.toString(e.uids())
                    + " u16 " + java.util.Arrays.toString(e.weights()));
            info.flush();
            confirm();
            var res = subtensor.timelockFor(st).setWeights(hotkey, netuid, uids, weights, vk, io.tao4j.chain.OnlineClient.WaitFor.IN_BLOCK);
            Map<String, Object> r = result();
            r.put("success", res.success());
            r.put("status", res.status().name());
            r.put("message", res.message());
            if (!res.success()) {
                if (json) {
                    print(r);
                }
                throw new CliException("weights not set: " + res.status() + ": " + res.message());
            }
            r.putAll(weightsRead(st.at(), hot));
            print(r);
            return 0;
        }
    }
}
