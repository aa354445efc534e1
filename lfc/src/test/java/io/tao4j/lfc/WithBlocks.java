package io.tao4j.lfc;

import io.tao4j.localnet.Localnet;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Chain calls that wait for inclusion, run while the test produces the blocks they wait for. */
final class WithBlocks {
    private WithBlocks() {
    }

    /** Runs {@code call} on {@code pool} while producing blocks on {@code net} (every 20 ms) until it returns; its result. */
    static <T> T run(Localnet net, ExecutorService pool, Supplier<T> call) throws Exception {
        Future<T> f = pool.submit(call::get);
        while (!f.isDone()) {
            net.produceBlock();
            Thread.sleep(20);
        }
        return f.get();
    }
}
