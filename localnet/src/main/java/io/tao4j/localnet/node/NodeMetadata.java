package io.tao4j.localnet.node;

import io.tao4j.localnet.meta.MetadataWriter;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.MetadataLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The metadata the local node describes itself with: real Subtensor spec 393 (shipped as a
 * resource), served as V14 with the storage section reduced to what the node maintains, as V15 (same
 * reduction) through {@code Metadata_metadata_at_version(15)}, and as the original V16 bytes through
 * {@code Metadata_metadata_at_version(16)}.
 */
public final class NodeMetadata {
    private static final String RESOURCE = "/io/tao4j/localnet/finney-spec393.v16.scale";

    private final byte[] v16;
    private final Metadata model;
    private final byte[] v14;
    private final byte[] v15;
    private final Metadata v14Model;

    private NodeMetadata(byte[] v16) {
        this.v16 = v16;
        this.model = MetadataLoader.fromBytes(v16);
        this.v14 = MetadataWriter.write(model, StateStorage::maintains);
        this.v15 = MetadataWriter.writeV15(model, StateStorage::maintains);
        this.v14Model = MetadataLoader.fromBytes(v14);
    }

    /** Loads the shipped spec-393 metadata. */
    public static NodeMetadata load() {
        try (InputStream in = NodeMetadata.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the runtime metadata resource " + RESOURCE + " is missing from the jar");
            }
            return new NodeMetadata(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The full decoded model (V16): types, pallets, runtime APIs. */
    public Metadata model() {
        return model;
    }

    /** The V14 model the node serves from {@code state_getMetadata}. */
    public Metadata v14Model() {
        return v14Model;
    }

    /** {@code state_getMetadata} bytes: {@code meta} magic + V14. */
    public byte[] v14Bytes() {
        return v14.clone();
    }

    /** V15 bytes ({@code meta} magic + V15), storage reduced like V14. */
    public byte[] v15Bytes() {
        return v15.clone();
    }

    /** The original V16 bytes ({@code meta} magic + V16). */
    public byte[] v16Bytes() {
        return v16.clone();
    }

    public long specVersion() {
        return model.specVersion();
    }

    public long transactionVersion() {
        return model.transactionVersion();
    }
}
