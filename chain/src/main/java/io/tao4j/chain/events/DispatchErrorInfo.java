package io.tao4j.chain.events;

import java.util.List;

/**
 * A {@code DispatchError} with module errors resolved through the metadata of the block: {@code kind} is the
 * DispatchError variant ("Module", "BadOrigin", "Token", …); for a module error {@code pallet}, {@code name} and
 * {@code docs} come from the pallet's error enum (variant index = {@code error[0]}), as the Python SDK's
 * async-substrate-interface does ({@code ExtrinsicReceipt.process_events → metadata.get_module_error}).
 */
public record DispatchErrorInfo(String kind, String pallet, String name, List<String> docs, Integer palletIndex,
                                Integer errorIndex, String detail) {

    /** "SubtensorModule.SettingWeightsTooFast" for module errors, else the kind plus its detail. */
    public String qualifiedName() {
        if (pallet != null && name != null) {
            return pallet + "." + name;
        }
        return detail == null || detail.isEmpty() ? kind : kind + "(" + detail + ")";
    }

    public String docText() {
        return String.join(" ", docs).strip().replaceAll("\\s+", " ");
    }

    /**
     * The message the SDK shows for a module error (bittensor v9.12.2 {@code format_error_message}):
     * "Subtensor returned `Name(Module)` error. This means: `docs`."
     */
    public String sdkMessage() {
        if (name != null) {
            return "Subtensor returned `" + name + "(Module)` error. This means: `" + docText() + "`.";
        }
        return "Subtensor returned: " + qualifiedName();
    }

    @Override
    public String toString() {
        return qualifiedName() + (docs.isEmpty() ? "" : ": " + docText());
    }
}
