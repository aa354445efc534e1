package io.tao4j.cli.stake;

import io.tao4j.chain.Balance;
import io.tao4j.chain.subtensor.StakeInfo;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.OperatorCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `tao4j stake list`: every stake of a coldkey and its free balance, at one block (btcli stake list). */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Stake of a coldkey (the wallet's, or --ss58) per hotkey and subnet, and its free balance.")
public final class StakeListCommand extends OperatorCommand {
    @Option(names = {"--ss58", "--coldkey_ss58", "--coldkey.ss58_address"}, paramLabel = "SS58",
            description = "The coldkey to list (default: the wallet's coldkey).")
    String ss58;

    @Override
    protected int run(Subtensor chain) {
        Subtensor st = chain.at();
        String cold = ss58 != null ? address(ss58, "--ss58") : coldkeySs58();
        Balance free = st.balance(cold, null);
        Map<String, List<Map<String, Object>>> byHotkey = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (StakeInfo s : st.stakesOf(cold, null)) {
            Balance alpha = Balance.ofAlphaRao(s.stake(), s.netuid());
            BigDecimal rate = BigDecimal.valueOf(st.alphaPriceRao(s.netuid(), null)).movePointLeft(9);
            BigDecimal value = alpha.tao().multiply(rate).setScale(9, java.math.RoundingMode.DOWN);
            total = total.add(value);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("netuid", s.netuid());
            row.put("stake_value", alpha.tao());
            row.put("value", value);
            row.put("rate", rate);
            row.put("registered", st.isHotkeyRegistered(s.hotkey(), s.netuid(), null));
            byHotkey.computeIfAbsent(s.hotkey(), k -> new ArrayList<>()).add(row);
        }
        if (json) {
            Map<String, Object> r = result();
            r.put("stake_info", byHotkey);
            r.put("coldkey_address", cold);
            r.put("network", subtensor.network().name());
            r.put("block", st.currentBlock());
            r.put("free_balance", free.tao());
            r.put("total_tao_value", total.add(free.tao()));
            print(r);
            return 0;
        }
        out().println("coldkey " + cold + " at block " + st.currentBlock() + ": free " + free);
        if (byHotkey.isEmpty()) {
            out().println("no stake");
        }
        byHotkey.forEach((hot, rows) -> {
            out().println("hotkey " + hot);
            rows.forEach(row -> out().printf("  netuid %-5s %s  (%s TAO at %s)%s%n", row.get("netuid"),
                    Balance.ofAlphaRao(((BigDecimal) row.get("stake_value")).movePointRight(9).toBigIntegerExact(),
                            (Integer) row.get("netuid")), row.get("value"), row.get("rate"),
                    Boolean.TRUE.equals(row.get("registered")) ? "" : "  (not registered)"));
        });
        out().println("total value " + total.add(free.tao()) + " TAO");
        return 0;
    }
}
