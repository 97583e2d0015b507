package org.qaqpa.contract;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.qaqpa.xml.ContractSchema;

/**
 * What all steps of a run share, made on first use: the member keys of {@code --data}, the SHEP
 * contract schemas, and the trust an answer's signature is checked against.
 */
final class RunResources {

    /** The contract schemas the gateway validates against (xsd/ of the classpath). */
    static final List<String> CONTRACT_SCHEMAS = List.of("xsd/SyncChannel/v10/Types.xsd", "xsd/AsyncChannel/v10/Types.xsd");

    private final Path dataDir;
    private final Clock clock;
    private final MemberKeys keys;
    private ContractSchema schema;
    private AnswerTrust trust;

    RunResources(Path dataDir, Clock clock) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.keys = new MemberKeys(dataDir);
    }

    Clock clock() {
        return clock;
    }

    MemberKeys keys() {
        return keys;
    }

    synchronized ContractSchema schema() {
        if (schema == null) {
            schema = ContractSchema.load(CONTRACT_SCHEMAS);
        }
        return schema;
    }

    /** @throws IllegalArgumentException or {@link java.io.UncheckedIOException} when {@code --data} holds no development PKI */
    synchronized AnswerTrust trust() {
        if (trust == null) {
            trust = new AnswerTrust(dataDir, clock);
        }
        return trust;
    }
}
