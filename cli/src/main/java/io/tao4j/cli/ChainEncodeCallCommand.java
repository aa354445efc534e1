package io.tao4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.scale.HexCodec;
import io.tao4j.scale.ScaleException;
import io.tao4j.scale.metadata.CallEncoder;
import io.tao4j.scale.metadata.Metadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** `tao4j chain encode-call`: SCALE call data for a call, offline, from a metadata file. */
@Command(name = "encode-call",
        mixinStandardHelpOptions = true,
        description = {"Print the SCALE call data (pallet index, call index, arguments) of a call as 0x-hex.",
                "Arguments are JSON: an object by argument name or a list in order. Numbers may be JSON numbers or"
                        + " decimal strings, bytes are 0x-hex, accounts are SS58 addresses, enums are"
                        + " {\"Variant\": value} or \"Variant\".",
                "Example: tao4j chain encode-call --metadata finney.scale SubtensorModule.set_weights"
                        + " '{\"netuid\":35,\"dests\":[69],\"weights\":[65535],\"version_key\":0}'"})
public final class ChainEncodeCallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MetadataFileOption metadata;

    @Parameters(index = "0", paramLabel = "<Pallet.call>", description = "e.g. SubtensorModule.set_weights")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<json args>", defaultValue = "{}",
            description = "Call arguments as JSON (default: {} for calls without arguments).")
    String args;

    @Override
    public Integer call() {
        int dot = target.indexOf('.');
        if (dot <= 0 || dot == target.length() - 1) {
            throw new CliException("expected <Pallet.call> such as SubtensorModule.set_weights, got '" + target + "'");
        }
        String pallet = target.substring(0, dot);
        String callName = target.substring(dot + 1);
        JsonNode json = JsonArgument.parse(args, "call arguments", "pass a JSON object or list (use {} for none)");
        Metadata md = metadata.load();
        byte[] data;
        try {
            data = CallEncoder.callData(md, pallet, callName, json);
        } catch (ScaleException e) {
            throw new CliException(e.getMessage());
        }
        spec.commandLine().getOut().println(HexCodec.encode0x(data));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
