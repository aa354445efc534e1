package io.tao4j.cli;

import io.tao4j.scale.ScaleException;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.MetadataLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --metadata <file>} option of the offline chain commands, and loading it with a clear error. */
public final class MetadataFileOption {
    @Option(names = "--metadata", required = true, paramLabel = "<file>",
            description = "Runtime metadata: SCALE bytes, hex (state_getMetadata or metadata_at_version result)"
                    + " or JSON with a 'metadata' hex field.")
    Path file;

    /** The decoded metadata; a missing or undecodable file is a {@link CliException}. */
    public Metadata load() {
        try {
            return MetadataLoader.load(file);
        } catch (ScaleException e) {
            throw new CliException("cannot load metadata: " + e.getMessage());
        }
    }
}
