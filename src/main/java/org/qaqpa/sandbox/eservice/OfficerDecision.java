package org.qaqpa.sandbox.eservice;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The officer's check of the documents against the Standard and the grounds, as the sandbox stands in for it: an
 * application without every attachment the passport names is refused {@code DOCUMENTS_INCOMPLETE}; one whose
 * form has the field {@value #DECISION} = {@code refuse} is refused {@code PROVIDER_REFUSED} with the reason in the
 * field {@value #REASON} (how tests and the demo ask for the officer's refusal).
 */
final class OfficerDecision extends ProviderStep {

    /** The sandbox officer's decision, asked for in the form. */
    static final String DECISION = "sandbox.officerDecision";
    static final String REASON = "sandbox.officerReason";

    OfficerDecision(StepClock steps, Clock clock) {
        super(steps, clock);
    }

    @Override
    void run(Application application) {
        Map<String, String> refusals = steps.passport(application.service()).refusals();
        List<String> missing = steps.passport(application.service()).attachments().stream()
                .filter(name -> !application.form().attachments().contains(name)).toList();
        if (!missing.isEmpty()) {
            application.refuse(new Application.Refusal("DOCUMENTS_INCOMPLETE",
                    refusals.getOrDefault("DOCUMENTS_INCOMPLETE", "Documents missing") + ": " + String.join(", ", missing)));
        } else if ("refuse".equals(application.form().fields().get(DECISION))) {
            application.refuse(new Application.Refusal("PROVIDER_REFUSED", refusals.getOrDefault("PROVIDER_REFUSED", "Refused")
                    + ": " + application.form().fields().getOrDefault(REASON, "(no reason given)")));
        }
    }
}
