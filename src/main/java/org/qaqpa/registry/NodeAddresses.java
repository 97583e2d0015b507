package org.qaqpa.registry;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The development federation's registry files ({@code config/members.yaml}, {@code config/services.yaml},
 * {@code config/regional/members.yaml}) name the other node at its default address: the national node at
 * {@value #NATIONAL}, the regional node at {@value #REGIONAL}. Nodes started on free ports ({@code qaqpa demo}, tests)
 * read copies of those files that name where the other node actually runs.
 */
public final class NodeAddresses {

    /** The national node's default base address ({@code config/qaqpa.yaml}, port 8080). */
    public static final String NATIONAL = "http://127.0.0.1:8080/";
    /** The development regional node's default base address ({@code config/regional.yaml}, port 8090). */
    public static final String REGIONAL = "http://127.0.0.1:8090/";

    private NodeAddresses() {
    }

    /**
     * Writes {@code source} to {@code target} with every {@code defaultBase} ({@link #NATIONAL}, {@link #REGIONAL})
     * replaced by the base address {@code actual} of the running node.
     *
     * @return {@code target}
     */
    public static Path copy(Path source, Path target, String defaultBase, URI actual) throws IOException {
        return Files.writeString(target, Files.readString(source).replace(defaultBase, actual.resolve("/").toString()));
    }
}
