package org.qaqpa.sandbox.eservice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The applications {@code qaqpa demo} makes: for each e-service and channel one approval and one refusal, with the
 * development PKI's applicants and the sandbox registries' seed (docs/sandbox.md).
 */
public final class DemoScenarios {

    /** The development PKI's individual (IIN 123456789011, keystore {@code individual.p12}). */
    static final String INDIVIDUAL_IIN = "123456789011";

    private DemoScenarios() {
    }

    /** Every service's scenarios, in the order the demo runs them. */
    public static List<DemoScenario> all() {
        List<DemoScenario> all = new java.util.ArrayList<>();
        all.addAll(film());
        return all;
    }

    /** FILM_CERT (config/services/film-cert.yaml). */
    static List<DemoScenario> film() {
        return List.of(
                DemoScenario.approved("the film distribution certificate is issued", film("PORTAL", INDIVIDUAL_IIN, Map.of(),
                        List.of("annotation", "works", "rights")), "individual"),
                DemoScenario.refused("the documents of the Standard are incomplete", film("PORTAL", INDIVIDUAL_IIN, Map.of(),
                        List.of("annotation")), "individual", "DOCUMENTS_INCOMPLETE"),
                DemoScenario.refused("the committee's officer refuses, with grounds", film("PORTAL", INDIVIDUAL_IIN,
                        Map.of(OfficerDecision.DECISION, "refuse", OfficerDecision.REASON, "the age index does not fit the annotation"),
                        List.of("annotation", "works", "rights")), "individual", "PROVIDER_REFUSED"),
                DemoScenario.approved("the officer enters the film distributor's application at the committee's office",
                        filmAtOffice(Optional.empty(), Optional.of("050340001235")), "legal"),
                DemoScenario.refused("the office cannot obtain the applicant's data from ГБД ФЛ",
                        filmAtOffice(Optional.of("850312301010"), Optional.empty()), "legal", "DATA_NOT_FOUND"));
    }

    private static Application.Form filmAtOffice(Optional<String> iin, Optional<String> bin) {
        return new Application.Form("FILM_CERT", "OFFICE", iin, bin, Map.of("filmTitle", "Томирис", "ageIndex", "E16"),
                List.of("annotation", "works", "rights"));
    }

    private static Application.Form film(String channel, String iin, Map<String, String> extra, List<String> attachments) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("filmTitle", "Көшпенділер");
        fields.put("filmType", "feature");
        fields.put("ageIndex", "E14");
        fields.put("rightOfUse", "exclusive");
        fields.put("territory", "Republic of Kazakhstan");
        fields.putAll(extra);
        return new Application.Form("FILM_CERT", channel, Optional.of(iin), Optional.empty(), fields, attachments);
    }
}
