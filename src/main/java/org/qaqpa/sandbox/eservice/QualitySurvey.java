package org.qaqpa.sandbox.eservice;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The satisfaction survey every regulation ends with (services.md §4): after a service, the applicant answers two
 * questions — the quality of the process and its result, the quality of the information about the procedure — with
 * not satisfied, partially satisfied or satisfied. One answer per application (Design): a second one replaces it.
 */
public final class QualitySurvey {

    /** The answers the regulations offer. */
    public enum Answer {
        NOT_SATISFIED, PARTIALLY_SATISFIED, SATISFIED
    }

    /** The two answers of one applicant. */
    public record Response(Answer process, Answer information) {
    }

    private final Map<String, Map<String, Response>> byService = new ConcurrentHashMap<>();

    /** Records the applicant's answers about the application {@code applicationNumber} of {@code service}. */
    public void answer(String service, String applicationNumber, Response response) {
        byService.computeIfAbsent(service, s -> new ConcurrentHashMap<>()).put(applicationNumber, response);
    }

    /** How many applications of {@code service} got each answer, for the process and for the information. */
    public String report(String service) {
        Map<Answer, Integer> process = new EnumMap<>(Answer.class);
        Map<Answer, Integer> information = new EnumMap<>(Answer.class);
        byService.getOrDefault(service, Map.of()).values().forEach(r -> {
            process.merge(r.process(), 1, Integer::sum);
            information.merge(r.information(), 1, Integer::sum);
        });
        return "process and result " + counts(process) + "; information " + counts(information);
    }

    private static String counts(Map<Answer, Integer> answers) {
        StringBuilder text = new StringBuilder();
        for (Answer answer : Answer.values()) {
            text.append(text.isEmpty() ? "" : ", ").append(answer.name().toLowerCase().replace('_', ' ')).append(' ')
                    .append(answers.getOrDefault(answer, 0));
        }
        return text.toString();
    }
}
