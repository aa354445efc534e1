package io.tao4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.chain.Network;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.rpc.RpcClient;
import io.tao4j.chain.rpc.RpcException;
import io.tao4j.chain.rpc.SubstrateRpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** `tao4j chain info`: what the node says about itself and its chain. */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        description = "Show the chain name, runtime version, best block and finalized block of a node.")
public final class ChainInfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SubtensorOptions subtensor;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    /** What {@code chain info} reports. */
    record Info(Network network, String chain, RuntimeVersion runtime,
                String bestHash, long bestNumber, String finalizedHash, long finalizedNumber) {
    }

    @Override
    public Integer call() throws Exception {
        Network network = subtensor.network();
        Info info;
        try (RpcClient client = subtensor.connect(network)) {
            info = query(network, new SubstrateRpc(client));
        } catch (RpcException e) {
            throw new CliException(network.endpoint() + ": " + SubtensorOptions.withHint(e), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(info));
        } else {
            out.printf("network          %s (%s)%n", info.network().name(), info.network().endpoint());
            out.printf("chain            %s%n", info.chain());
            out.printf("runtime          %s, spec version %d, transaction version %d%n",
                    info.runtime().specName(), info.runtime().specVersion(), info.runtime().transactionVersion());
            out.printf("best block       %d  %s%n", info.bestNumber(), info.bestHash());
            out.printf("finalized block  %d  %s%n", info.finalizedNumber(), info.finalizedHash());
        }
        out.flush();
        return 0;
    }

    static Info query(Network network, SubstrateRpc rpc) {
        String chain = rpc.systemChain();
        String best = rpc.chainGetBlockHash(null);
        SubstrateRpc.Header bestHeader = header(rpc, best);
        RuntimeVersion runtime = rpc.stateGetRuntimeVersion(best);
        String finalized = rpc.chainGetFinalizedHead();
        SubstrateRpc.Header finalizedHeader = header(rpc, finalized);
        return new Info(network, chain, runtime, best, bestHeader.number(), finalized, finalizedHeader.number());
    }

    private static SubstrateRpc.Header header(SubstrateRpc rpc, String hash) {
        SubstrateRpc.Header h = rpc.chainGetHeader(hash);
        if (h == null) {
            throw new RpcException("chain_getHeader: the node has no header for " + hash, 0, null);
        }
        return h;
    }

    static String toJson(Info info) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("network", info.network().name());
        o.put("endpoint", info.network().endpoint().toString());
        o.put("chain", info.chain());
        o.put("specName", info.runtime().specName());
        o.put("specVersion", info.runtime().specVersion());
        o.put("implVersion", info.runtime().implVersion());
        o.put("transactionVersion", info.runtime().transactionVersion());
        o.put("bestBlock", info.bestNumber());
        o.put("bestBlockHash", info.bestHash());
        o.put("finalizedBlock", info.finalizedNumber());
        o.put("finalizedBlockHash", info.finalizedHash());
        return o.toString();
    }
}
