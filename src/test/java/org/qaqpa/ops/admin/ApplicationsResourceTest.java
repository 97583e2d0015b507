package org.qaqpa.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/applications}' answer: no sandbox, filters, newest first, the limit, a timeline step. */
@SuppressWarnings("unchecked")
class ApplicationsResourceTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final List<ApplicationView> kept = List.of(
            application("FILM_CERT", "COMPLETED", T0),
            application("FILM_CERT", "REJECTED", T0.plusSeconds(60)),
            application("FOREIGN_MEDIA_REG", "COMPLETED", T0.plusSeconds(30)));
    private final ApplicationsResource resource = new ApplicationsResource(() -> Optional.of(new ApplicationSource() {
        @Override
        public List<ApplicationView> applications() {
            return kept;
        }

        @Override
        public Map<String, Long> regulationBreaches() {
            return Map.of();
        }
    }));

    @Test
    void saysSoWhenNoSandboxRunsHere() {
        Map<String, Object> answer = new ApplicationsResource(Optional::empty).list(Optional.empty(), Optional.empty(), 10);

        assertThat(answer).containsEntry("sandbox", false).containsEntry("applications", List.of());
    }

    @Test
    void listsNewestFirstWithinTheLimit() {
        Map<String, Object> answer = resource.list(Optional.empty(), Optional.empty(), 2);

        assertThat(answer).containsEntry("sandbox", true).containsEntry("total", 3);
        assertThat((List<Map<String, Object>>) answer.get("applications")).extracting(row -> row.get("submittedAt"))
                .containsExactly(T0.plusSeconds(60).toString(), T0.plusSeconds(30).toString());
    }

    @Test
    void filtersByServiceAndState() {
        Map<String, Object> answer = resource.list(Optional.of("FILM_CERT"), Optional.of("COMPLETED"), 10);

        assertThat((List<Map<String, Object>>) answer.get("applications")).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("service", "FILM_CERT").containsEntry("state", "COMPLETED")
                    .containsEntry("sessionId", "{s-1}").containsEntry("resultSigner", "OFFICER, IIN 123456789032");
            assertThat((List<Map<String, Object>>) row.get("timeline")).singleElement().satisfies(step -> assertThat(step)
                    .containsEntry("stepId", "FILM-A5").containsEntry("millis", 70_000L)
                    .containsEntry("limitMillis", 60_000L).containsEntry("breached", true));
        });
    }

    private static ApplicationView application(String service, String state, Instant at) {
        return new ApplicationView(service, "PORTAL", Optional.of("N-1"), state, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("OFFICER, IIN 123456789032"), Optional.of("m-1"), Optional.of("{s-1}"),
                "123456789011", "portal", at, List.of(new ApplicationView.Step("FILM-A5", "the hop", at, 70_000, 60_000, true)));
    }
}
