package io.tao4j.mantis.validator;

import java.util.List;

/** The subnet's neurons at a block: UIDs and their hotkeys in metagraph order. */
public record Neurons(long block, List<Integer> uids, List<String> hotkeys) {
    public Neurons {
        uids = List.copyOf(uids);
        hotkeys = List.copyOf(hotkeys);
        if (uids.size() != hotkeys.size()) {
            throw new IllegalArgumentException("uids and hotkeys differ in length");
        }
    }
}
