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
    /** The development PKI's legal entity АО "ТЕСТ" (keystore {@code legal.p12}), no tax arrears. */
    static final String LEGAL_BIN = "123456789021";
    /** ТОО "ЖЕТЫСУ МЕДИА", a foreign media distributor in Almaty oblast (the sandbox registries' seed). */
    static final String MEDIA_BIN = "110440023114";

    private DemoScenarios() {
    }

    /** Every service's scenarios, in the order the demo runs them. */
    public static List<DemoScenario> all() {
        List<DemoScenario> all = new java.util.ArrayList<>();
        all.addAll(film());
        all.addAll(culturalValues());
        all.addAll(media());
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

    /**
     * FOREIGN_MEDIA_REG (config/services/foreign-media.yaml) through the regional gateway: on the portal the
     * development PKI's legal entity (АО "ТЕСТ", {@code legal.p12}) applies for itself; at the PSC its employee
     * (IIN 123456789011, the same keystore) is the operator who enters and signs the media companies' applications.
     */
    static List<DemoScenario> media() {
        Map<String, String> byOperator = Map.of(Portal.OPERATOR_IIN, INDIVIDUAL_IIN);
        return List.of(
                DemoScenario.approved("the registration reference is issued through the regional gateway",
                        media("PORTAL", LEGAL_BIN, Map.of()), "legal"),
                DemoScenario.approved("the PSC operator applies for the media company, signing with the operator's EDS",
                        media("PSC", MEDIA_BIN, byOperator), "legal"),
                DemoScenario.refused("the entity is liquidated: registry/tax data not confirmed",
                        media("PSC", "130240009016", byOperator), "legal", "DATA_NOT_CONFIRMED"),
                DemoScenario.refused("the ІСБ officer refuses, with reasons", media("PORTAL", LEGAL_BIN,
                        Map.of(OfficerDecision.DECISION, "refuse", OfficerDecision.REASON, "no distribution agreement")),
                        "legal", "PROVIDER_REFUSED"),
                DemoScenario.approved("the ІСБ officer registers the media company's application at the department's office",
                        media("OFFICE", MEDIA_BIN, Map.of()), "legal").atRegionalNode(),
                DemoScenario.refused("the office finds tax arrears of the applicant", media("OFFICE", "150840034101", Map.of()),
                        "legal", "DATA_NOT_CONFIRMED").atRegionalNode());
    }

    /**
     * A FOREIGN_MEDIA_REG application of the entity {@code bin} through {@code channel} (PORTAL, PSC, OFFICE): the
     * Annex 5 form of a foreign newspaper, with {@code extra} fields (the PSC operator, the sandbox officer's decision).
     */
    public static Application.Form media(String channel, String bin, Map<String, String> extra) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("mediumType", "newspaper");
        fields.put("title", "Central Asia Weekly");
        fields.put("owner", "Central Asia Media Ltd, United Kingdom");
        fields.put("territory", "Almaty oblast");
        fields.put("language", "English");
        fields.put("frequency", "weekly");
        fields.putAll(extra);
        return new Application.Form("FOREIGN_MEDIA_REG", channel, Optional.empty(), Optional.of(bin), fields, List.of());
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

    /**
     * CULT_EXPORT_CERT in both variants (config/services/cult-export-akmola.yaml, cult-export-almaty.yaml). At the
     * office nobody signs the application: the keystore named there is not used.
     */
    static List<DemoScenario> culturalValues() {
        String akmola = "CULT_EXPORT_CERT_AKMOLA";
        String almaty = "CULT_EXPORT_CERT_ALMATY_CITY";
        Map<String, String> refuse = Map.of(OfficerDecision.DECISION, "refuse",
                OfficerDecision.REASON, "the object is on the list of cultural values that may not leave the country");
        return List.of(
                DemoScenario.approved("the certificate of temporary export is issued on the portal",
                        cultural(akmola, "PORTAL", Optional.of(INDIVIDUAL_IIN), Optional.empty(), Map.of()), "individual"),
                DemoScenario.refused("the department refuses: violations in the applicant's data",
                        cultural(akmola, "PORTAL", Optional.of(INDIVIDUAL_IIN), Optional.empty(), refuse), "individual",
                        "PROVIDER_REFUSED"),
                DemoScenario.approved("the museum's certificate is issued at the department's office",
                        cultural(akmola, "OFFICE", Optional.empty(), Optional.of("980640000455"), Map.of()), "legal"),
                DemoScenario.refused("an entity not in ГБД ЮЛ: the data cannot be obtained",
                        cultural(akmola, "OFFICE", Optional.empty(), Optional.of("050340001255"), Map.of()), "legal",
                        "DATA_NOT_FOUND"),
                DemoScenario.approved("the certificate of temporary export is issued through E-licensing",
                        cultural(almaty, "PORTAL", Optional.empty(), Optional.of(LEGAL_BIN), Map.of()), "legal"),
                DemoScenario.refused("the department's reasoned refusal (Standard p. 16)",
                        cultural(almaty, "PORTAL", Optional.empty(), Optional.of(LEGAL_BIN), refuse), "legal", "PROVIDER_REFUSED"),
                DemoScenario.approved("the museum's certificate is issued at the department's office",
                        cultural(almaty, "OFFICE", Optional.empty(), Optional.of("980640000455"), Map.of()), "legal"),
                DemoScenario.refused("a gallery with tax arrears: the data is not confirmed in the tax system",
                        cultural(almaty, "OFFICE", Optional.empty(), Optional.of("070940017772"), Map.of()), "legal",
                        "DATA_NOT_CONFIRMED"));
    }

    /** An application for the temporary export of a carpet to an exhibition, with the documents of Standard p. 11. */
    public static Application.Form cultural(String service, String channel, Optional<String> iin, Optional<String> bin,
                                            Map<String, String> extra) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("culturalValue", "Тұскиіз, XIX ғасыр (wall carpet, 19th century)");
        fields.put("destinationCountry", "Türkiye");
        fields.put("purpose", "temporary exhibition");
        fields.put("returnBy", "2027-06-30");
        fields.putAll(extra);
        return new Application.Form(service, channel, iin, bin, fields, List.of("documents"));
    }
}
