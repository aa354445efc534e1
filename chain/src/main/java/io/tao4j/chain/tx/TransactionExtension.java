package io.tao4j.chain.tx;

import io.tao4j.scale.ScaleWriter;

/**
 * One signed (transaction) extension, like subxt's {@code TransactionExtension}: it writes its "extra" bytes,
 * which travel in the extrinsic, and its "additional signed" (implicit) bytes, which only enter the signing
 * payload. Extensions are resolved from the metadata's list by {@link #identifier()}.
 */
public interface TransactionExtension {

    /** The metadata identifier, e.g. {@code CheckMortality}. */
    String identifier();

    /** Writes the data carried in the extrinsic. */
    void encodeExtra(TxContext ctx, ScaleWriter out);

    /** Writes the data only signed over. */
    void encodeAdditional(TxContext ctx, ScaleWriter out);
}
