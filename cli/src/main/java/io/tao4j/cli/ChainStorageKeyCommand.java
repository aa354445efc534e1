package io.tao4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.ChainException;
import io.tao4j.chain.storage.StorageCodec;
import io.tao4j.crypto.Hex;
import io.tao4j.scale.ScaleException;
import io.tao4j.scale.metadata.Metadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** `tao4j chain storage-key`: the storage key of an item, offline, from a metadata file. */
@Command(name = "storage-key",
        mixinStandardHelpOptions = true,
        description = {"Print the storage key of Pallet.Item for the given keys as 0x-hex: twox128(pallet) ‖ twox128(item)"
                + " ‖ hasher(SCALE(key)) for each key, with the hashers and key types from the metadata.",
                "Keys are a JSON list in order: numbers, SS58 addresses or 0x-hex for accounts, 0x-hex for bytes.",
                "Examples: tao4j chain storage-key --metadata finney.scale SubtensorModule.Tempo '[35]'",
                "          tao4j chain storage-key --metadata finney.scale System.Account '[\"5Grw…\"]'",
                "          tao4j chain storage-key --metadata finney.scale --prefix Commitments.CommitmentOf '[35]'"})
public final class ChainStorageKeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MetadataFileOption metadata;

    @Option(names = "--prefix", description = "Allow fewer keys than the item has and print the iteration prefix.")
    boolean prefix;

    @Parameters(index = "0", paramLabel = "<Pallet.Item>", description = "e.g. SubtensorModule.Uids")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<json keys>", defaultValue = "[]",
            description = "The keys as a JSON list (default: [] for plain items); a single non-list value is one key.")
    String keys;

    @Override
    public Integer call() {
        int dot = target.indexOf('.');
        if (dot <= 0 || dot == target.length() - 1 || target.indexOf('.', dot + 1) >= 0) {
            throw new CliException("expected <Pallet.Item> such as SubtensorModule.Tempo, got '" + target + "'");
        }
        JsonNode json = JsonArgument.parse(keys, "keys", "pass a JSON list such as [35] (use [] for plain items)");
        List<Object> list = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(list::add);
        } else {
            list.add(json);
        }
        Metadata md = metadata.load();
        StorageCodec codec = new StorageCodec(md);
        String pallet = target.substring(0, dot);
        String item = target.substring(dot + 1);
        byte[] key;
        try {
            key = prefix ? codec.prefix(pallet, item, list) : codec.key(pallet, item, list);
        } catch (ChainException | ScaleException e) {
            throw new CliException(e.getMessage());
        }
        spec.commandLine().getOut().println(Hex.encode0x(key));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
