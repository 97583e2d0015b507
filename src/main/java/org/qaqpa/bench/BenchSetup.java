package org.qaqpa.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a scenario starts and where, common to every scenario.
 *
 * @param configDir          the gateway's {@code --config} (its {@code qaqpa.yaml} and registries)
 * @param workParent         where the run's fresh directory (gateway data, baseline journal) is made
 * @param keep               keep that directory after a successful run (it is always kept after a failure)
 * @param gatewayJavaOptions JVM options of the gateway child
 * @param mainClass          the CLI's main class, started as {@code MAIN run …} in the child
 * @param baselineDuration   the measured period of the same-run baseline
 */
public record BenchSetup(Path configDir, Path workParent, boolean keep, List<String> gatewayJavaOptions, String mainClass,
                         Duration baselineDuration) {

    public BenchSetup {
        gatewayJavaOptions = List.copyOf(gatewayJavaOptions);
    }
}
