package io.tao4j.mantis.validator;

import java.util.Map;

/** Port 1 of the validator: who is on the subnet and what each hotkey committed (its payload URL). */
public interface SubnetView {
    /** The metagraph, read at (or near) {@code block}. */
    Neurons metagraph(long block);

    /** Hotkey → committed text of every commitment on the subnet. */
    Map<String, String> commitments();
}
