package org.qaqpa.contract;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A contract test suite as read from its YAML file (docs/contract-testing.md): test cases of steps,
 * the properties they start with, and the base address their steps' endpoints are relative to.
 */
record Suite(Path file, String name, Optional<String> endpoint, Map<String, String> properties, List<TestCase> testCases) {

    /** The directory request templates, expected documents and key paths are relative to. */
    Path dir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /** One test case: steps run in order, each seeing what earlier steps set and transferred. */
    record TestCase(String name, int line, List<Step> steps) {
    }
}
