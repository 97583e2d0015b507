package org.qaqpa.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole directories of data: the demo's and the bench's temporary runs, the tests' data directories. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything under it, deepest first; a file already gone counts as deleted. */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
