package org.qaqpa.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;

/**
 * Camel, embedded with {@code camel-main}: binds the gateway's beans by name and loads the YAML
 * routes, so routing is data an operator can change without a rebuild.
 */
public final class CamelRuntime implements AutoCloseable {

    private final Main main = new Main();
    private final String routesPattern;

    /** The routes directory used when none is configured, if it exists. */
    public static final Path DEFAULT_ROUTES_DIR = Path.of("routes");

    /**
     * @param routesDir directory of {@code *.yaml} routes; none: {@link #DEFAULT_ROUTES_DIR} if it
     *                  exists, else the routes built into the jar
     * @param beans     named beans the routes refer to ({@code cxf:bean:…}, {@code ref: …})
     */
    public CamelRuntime(Optional<Path> routesDir, Map<String, Object> beans) {
        this("qaqpa", routesPattern(routesDir), beans);
    }

    /**
     * A Camel context of its own, named {@code name}, with the routes {@code files} (names such as {@code NAME.yaml})
     * of {@code dir} — or, when that directory does not exist, those built into the jar under {@code classpathDir}
     * (the sandbox's e-service routes).
     *
     * @param files at least one
     */
    public static CamelRuntime of(String name, Path dir, String classpathDir, List<String> files, Map<String, Object> beans) {
        String base = Files.isDirectory(dir) ? "file:" + dir.toAbsolutePath() + "/" : "classpath:" + classpathDir + "/";
        return new CamelRuntime(name, String.join(",", files.stream().map(file -> base + file).toList()), beans);
    }

    private CamelRuntime(String name, String routesPattern, Map<String, Object> beans) {
        this.routesPattern = routesPattern;
        beans.forEach(main::bind);
        main.configure()
                .withName(name)
                .withRoutesIncludePattern(routesPattern)
                .withRoutesCollectorIgnoreLoadingError(false)
                .withJmxEnabled(false)
                .withShutdownTimeout(10);
    }

    private static String routesPattern(Optional<Path> configured) {
        Path dir = configured.orElse(DEFAULT_ROUTES_DIR);
        if (Files.isDirectory(dir)) {
            return "file:" + dir.toAbsolutePath() + "/*.yaml";
        }
        if (configured.isPresent()) {
            throw new IllegalStateException("routes directory " + dir.toAbsolutePath() + " does not exist");
        }
        return "classpath:routes/*.yaml";
    }

    public void start() throws Exception {
        main.start();
    }

    /** Where the routes were loaded from, for the start-up log. */
    public String routesSource() {
        return routesPattern;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public boolean isUp() {
        CamelContext context = main.getCamelContext();
        return context != null && context.getStatus() == ServiceStatus.Started;
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
