package io.tao4j.localnet;

import java.nio.file.Path;

/** Runs a fast localnet with a state directory until killed (the kill -9 test's child process). */
public final class LocalnetProcess {
    public static void main(String[] args) throws Exception {
        Localnet.start(Localnet.Config.defaults().fast().onFreePorts().withStateDir(Path.of(args[0])));
        Thread.sleep(Long.MAX_VALUE);
    }
}
