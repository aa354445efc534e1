package io.tao4j.mantis.miner;

import java.io.IOException;

/** Stores a payload under a key, replacing any previous object with that key. */
@FunctionalInterface
public interface PayloadUploader {
    void put(String key, byte[] body) throws IOException;
}
