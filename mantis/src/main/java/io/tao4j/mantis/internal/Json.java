package io.tao4j.mantis.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The module's one {@link ObjectMapper}, shared (it is thread-safe once configured, and nothing reconfigures it):
 * code that needs other settings uses {@code MAPPER.writer(…)}/{@code reader(…)} or a configured {@code copy()}.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
