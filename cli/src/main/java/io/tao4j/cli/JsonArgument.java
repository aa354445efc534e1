package io.tao4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A JSON positional argument of the offline chain commands, parsed with errors that name what it is. */
final class JsonArgument {
    private static final ObjectMapper JSON = Json.MAPPER;

    private JsonArgument() {
    }

    /**
     * The parsed value; invalid JSON is a {@link CliException} "{@code what} are not valid JSON: …", an empty one
     * "{@code what} are empty; {@code whenEmpty}".
     */
    static JsonNode parse(String text, String what, String whenEmpty) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CliException(what + " are not valid JSON: " + e.getOriginalMessage());
        }
        if (json == null || json.isMissingNode()) {
            throw new CliException(what + " are empty; " + whenEmpty);
        }
        return json;
    }
}
