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

    private final Path pkiDir;
    private final Clock clock;
    private final MemberKeys keys;
    private ContractSchema schema;
    private AnswerTrust trust;

    /** @param pkiDir the development PKI's directory: its member keys sign, its root is trusted in answers */
    RunResources(Path pkiDir, Clock clock) {
        this.pkiDir = pkiDir;
        this.clock = clock;
        this.keys = new MemberKeys(pkiDir);
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
            trust = new AnswerTrust(pkiDir, clock);
        }
        return trust;
    }
}
