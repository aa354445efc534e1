package io.tao4j.mantis.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the ledger benchmarks (mains, not tests). */
final class BenchFiles {
    private BenchFiles() {
    }

    /** Removes the SQLite database {@code db} with its -wal, -shm and -journal files, so a run starts from nothing. */
    static Path fresh(Path db) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        return db;
    }
}
