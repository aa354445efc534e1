package io.tao4j.scale.metadata;

import java.util.List;

/** A runtime API trait (V15/V16) with its methods; {@code version} is null before V16. */
public record RuntimeApi(String name, List<Method> methods, List<String> docs, Long version) {

    /** A runtime API method; call it via state_call("{trait}_{method}", SCALE(inputs...)). */
    public record Method(String trait, String name, List<Param> inputs, int output, List<String> docs) {
        /** The state_call method name, e.g. "StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid". */
        public String stateCallName() {
            return trait + "_" + name;
        }
    }

    public record Param(String name, int type) {
    }

    public Method method(String name) {
        for (Method m : methods) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
