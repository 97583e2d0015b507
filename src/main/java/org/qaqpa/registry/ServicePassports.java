package org.qaqpa.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.ConfigSection;
import org.qaqpa.config.YamlDocument;

/**
 * Reads the e-service passports, one {@code *.yaml} per service in a directory (docs/services.md):
 *
 * <pre>
 * passport:
 *   service: FILM_CERT
 *   title: Film distribution certificate
 *   seeds: [000_91afa299a7dcacd2.txt]
 *   application-service: FILM_CERT_APPLICATION
 *   provider: culture-is
 *   channels: [portal]
 *   registries: [GBDFL_UniversalServiceSync]
 *   attachments: [annotation]
 *   valid-until: end-of-year
 *   signatures: {application: applicant, result: officer}
 *   statuses: [RECEIVED, REJECTED, COMPLETED]
 * refusals:
 *   DATA_NOT_FOUND: {text: "…"}
 * steps:
 *   FILM-A5: {name: "…", actor: portal, limit: 1m}
 *   CULT-A9: {name: "…", actor: licensing, limit: 10wd}
 * </pre>
 *
 * A step's {@code limit} is a duration ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}) or, as the regulations
 * count their decisions, calendar days ({@code cd}, 24 hours each) or working days ({@code wd}). A working day is
 * taken as an average one, 24 h × 7 / 5 (5 working days = 1 week, so {@code 10wd} = 14 days): the sandbox has no
 * calendar of weekends and holidays, and its decisions take milliseconds anyway.
 */
public final class ServicePassports {

    private static final List<String> SECTIONS = List.of("passport", "refusals", "steps");
    private static final List<String> PASSPORT_KEYS = List.of("service", "title", "seeds", "application-service", "provider",
            "channels", "registries", "attachments", "valid-until", "signatures", "statuses");
    private static final List<String> SIGNATURE_KEYS = List.of("application", "result");
    private static final List<String> CHANNELS = List.of("portal", "office", "psc", "licensing");
    private static final List<String> STATUSES = List.of("RECEIVED", "IN_PROGRESS", "REJECTED", "COMPLETED");
    private static final List<String> SIGNERS = List.of("applicant", "officer", "operator", "none");
    private static final String ID_RULE = "letters, digits, '_' and '-'";
    private static final Pattern DAYS = Pattern.compile("([1-9][0-9]{0,5})\\s*(wd|cd)");
    /** An average working day: a week of 7 × 24 h holds 5 of them. */
    static final Duration WORKING_DAY = Duration.ofHours(24 * 7).dividedBy(5);

    private ServicePassports() {
    }

    /**
     * Every passport in {@code dir}, by file name; none when the directory does not exist.
     *
     * @throws ConfigException at the first problem, naming the file and line
     */
    public static List<ServicePassport> readDir(Path dir) {
        List<ServicePassport> passports = new ArrayList<>();
        for (Path file : files(dir)) {
            passports.add(read(file));
        }
        return passports;
    }

    /** The passport files of {@code dir}, by name ({@code NAME.yaml}); none when the directory does not exist. */
    public static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** @throws ConfigException at the first problem */
    public static ServicePassport read(Path file) {
        String label = file.toString();
        ConfigSection root = ConfigSection.root(label, YamlDocument.read(file, label), SECTIONS);
        ConfigSection p = root.section("passport", PASSPORT_KEYS);
        ConfigSection signatures = p.section("signatures", SIGNATURE_KEYS);
        Map<String, String> signers = new LinkedHashMap<>();
        for (String key : SIGNATURE_KEYS) {
            signers.put(key, signatures.string(key, "none", SIGNERS::contains, "one of " + String.join(", ", SIGNERS)));
        }
        Map<String, String> refusals = new LinkedHashMap<>();
        root.sections("refusals", "refusal code", ServicePassports::isId, ID_RULE, List.of("text"))
                .forEach((code, refusal) -> refusals.put(code, refusal.requiredString("text", t -> !t.isBlank(), "a reason")));
        List<ServicePassport.Step> steps = new ArrayList<>();
        root.sections("steps", "step id", ServicePassports::isId, ID_RULE, List.of("name", "actor", "limit"))
                .forEach((id, step) -> steps.add(new ServicePassport.Step(id, step.requiredString("name", t -> !t.isBlank(), "a name"),
                        step.string("actor", "", t -> true, "who performs the step"),
                        limit(step))));
        return new ServicePassport(
                p.requiredString("service", ServicePassports::isId, ID_RULE),
                p.string("title", "", t -> true, "a title"),
                p.strings("seeds", t -> !t.isBlank(), "seed file names"),
                p.requiredString("application-service", RegistryIds::isValid, RegistryIds.RULE),
                p.requiredString("provider", RegistryIds::isValid, RegistryIds.RULE),
                p.strings("channels", CHANNELS::contains, "one of " + String.join(", ", CHANNELS)),
                p.strings("registries", RegistryIds::isValid, RegistryIds.RULE),
                p.strings("attachments", ServicePassports::isId, ID_RULE),
                p.string("valid-until", "", v -> v.equals("end-of-year"), "end-of-year"),
                signers,
                p.strings("statuses", STATUSES::contains, "one of " + String.join(", ", STATUSES)),
                refusals, steps);
    }

    /** The step's {@code limit}: in working or calendar days ({@code 10wd}, {@code 15cd}), else a duration. */
    private static Optional<Duration> limit(ConfigSection step) {
        if (!step.has("limit")) {
            return Optional.empty();
        }
        Matcher days = DAYS.matcher(step.string("limit", "", t -> true, "a time limit"));
        if (days.matches()) {
            long count = Long.parseLong(days.group(1));
            return Optional.of(days.group(2).equals("wd") ? WORKING_DAY.multipliedBy(count) : Duration.ofDays(count));
        }
        return Optional.of(step.duration("limit", false, Duration.ZERO));
    }

    private static boolean isId(String value) {
        return value.matches("[A-Za-z0-9_-]{1,100}");
    }
}
