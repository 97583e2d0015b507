package org.qaqpa.sandbox.eservice;

import java.util.Optional;

/**
 * One application {@code qaqpa demo} runs (docs/demo.md): which service, through which channel, by which applicant,
 * and what the regulation says must come of it.
 *
 * @param applicantKey   the development PKI keystore the applicant signs with ({@code individual}, {@code legal})
 * @param expectedState  {@code COMPLETED}, {@code REJECTED} or {@code SIGNATURE_REJECTED}
 * @param expectedReason the refusal code when refused
 * @param regional       an office application entered at a provider system of the regional node (ІСБ), not the national
 */
public record DemoScenario(String title, Application.Form form, String applicantKey, String expectedState,
                           Optional<String> expectedReason, boolean regional) {

    /** Through the portal; approved. */
    public static DemoScenario approved(String title, Application.Form form, String applicantKey) {
        return new DemoScenario(title, form, applicantKey, "COMPLETED", Optional.empty(), false);
    }

    /** Refused with {@code reason}. */
    public static DemoScenario refused(String title, Application.Form form, String applicantKey, String reason) {
        return new DemoScenario(title, form, applicantKey, "REJECTED", Optional.of(reason), false);
    }

    /** The same application, entered at the office of a provider system of the regional node. */
    public DemoScenario atRegionalNode() {
        return new DemoScenario(title, form, applicantKey, expectedState, expectedReason, true);
    }

    public boolean office() {
        return "OFFICE".equals(form.channel());
    }
}
