package io.tao4j.chain;

/** The two runtime version numbers a signed transaction commits to ({@code state_getRuntimeVersion}). */
public record RuntimeVersion(long specVersion, long transactionVersion) {
    public RuntimeVersion {
        if (specVersion < 0 || specVersion > 0xffffffffL || transactionVersion < 0 || transactionVersion > 0xffffffffL) {
            throw new IllegalArgumentException("runtime versions must be u32, got spec " + specVersion
                    + ", transaction " + transactionVersion);
        }
    }
}
