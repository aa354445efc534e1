package io.tao4j.cli.stake;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Base of the operator command tests: one {@link OperatorNet} per test class, started before and closed after it. */
public abstract class OperatorNetTest {
    protected static OperatorNet n;

    @TempDir
    protected static Path tmp;

    @BeforeAll
    static void startOperatorNet() throws Exception {
        n = new OperatorNet(tmp);
    }

    @AfterAll
    static void stopOperatorNet() {
        n.close();
    }
}
