package org.qaqpa.sandbox.eservice;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.qaqpa.sandbox.SyncMessages;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The provider system asks the state registries its passport names about the applicant, through the gateway's sync
 * channel (docs/sandbox.md, "State registries"): ГБД ФЛ by IIN for a person, ГБД ЮЛ by BIN for an entity, the tax
 * system by either. No record, or a registry that cannot answer, is {@code DATA_NOT_FOUND} ("data cannot be
 * obtained"); a deceased person, a liquidated entity or tax arrears are {@code DATA_NOT_CONFIRMED}.
 */
final class CheckRegistries extends ProviderStep {

    static final String GBDFL = "GBDFL_UniversalServiceSync";
    static final String GBDUL = "GBDUL_InfoByBin";
    static final String TAX = "ISNA_DEBT_CHECK";
    private static final String GBDFL_NS = "http://message.persistence.interactive.nat";
    private static final String GBDUL_NS = "http://gbdulinfobybin_v2.egp.gbdul.tamur.kz";
    private static final String TAX_NS = "urn:qaqpa:sandbox:tax:debt-check:v1";
    private static final String FOUND = "00000";

    private final GatewayLink gateway;
    private final String requestorBin;

    /** @param requestorBin the BIN of the provider system's owner, which ГБД ЮЛ requests name */
    CheckRegistries(StepClock steps, GatewayLink gateway, String requestorBin, Clock clock) {
        super(steps, clock);
        this.gateway = gateway;
        this.requestorBin = requestorBin;
    }

    @Override
    void run(Application application) {
        Map<String, String> reasons = steps.passport(application.service()).refusals();
        Application.Form form = application.form();
        for (String registry : steps.passport(application.service()).registries()) {
            Optional<Problem> problem;
            try {
                problem = switch (registry) {
                    case GBDFL -> form.iin().filter(iin -> form.bin().isEmpty()).flatMap(this::person);
                    case GBDUL -> form.bin().flatMap(this::entity);
                    case TAX -> debt(form.applicantId());
                    default -> Optional.empty();
                };
            } catch (GatewayLink.Refused refused) {
                problem = Optional.of(notFound(registry + " could not answer (" + refused.errorCode() + ")"));
            }
            if (problem.isPresent()) {
                String code = problem.get().code();
                application.refuse(new Application.Refusal(code, reasons.getOrDefault(code, code) + ": " + problem.get().detail()));
                return;
            }
        }
    }

    private Optional<Problem> person(String iin) {
        Element request = request(GBDFL_NS, "Request");
        add(request, "messageId", UUID.randomUUID().toString());
        add(request, "messageDate", SyncMessages.now(clock));
        add(request, "senderCode", gateway.senderId());
        add(request, "iin", iin);
        Element response = answer(GBDFL, request);
        if (!FOUND.equals(text(find(response, "messageResult"), "code"))) {
            return Optional.of(notFound("no person with IIN " + iin + " in ГБД ФЛ"));
        }
        Element person = find(find(response, "persons"), "person");
        if (text(person, "deathDate") != null) {
            return Optional.of(notConfirmed("the person with IIN " + iin + " is recorded as deceased in ГБД ФЛ"));
        }
        return Optional.empty();
    }

    private Optional<Problem> entity(String bin) {
        Element request = request(GBDUL_NS, "Request");
        add(request, "RequestorBIN", requestorBin);
        add(request, "BIN", bin);
        Element response = answer(GBDUL, request);
        if (!FOUND.equals(text(find(response, "Status"), "Code"))) {
            return Optional.of(notFound("no entity with BIN " + bin + " in ГБД ЮЛ"));
        }
        Element organization = find(response, "Organization");
        if (text(organization, "LiquidationDate") != null) {
            return Optional.of(notConfirmed("the entity with BIN " + bin + " is recorded as liquidated in ГБД ЮЛ"));
        }
        return Optional.empty();
    }

    private Optional<Problem> debt(String iinBin) {
        Element request = request(TAX_NS, "DebtCheckRequest");
        add(request, "iinBin", iinBin);
        Element response = answer(TAX, request);
        if (!FOUND.equals(text(find(response, "status"), "code"))) {
            return Optional.of(notFound(iinBin + " is not a registered taxpayer"));
        }
        Element debt = find(response, "debt");
        if ("true".equals(text(debt, "hasArrears"))) {
            return Optional.of(notConfirmed(iinBin + " has tax arrears of " + text(debt, "amount") + " "
                    + text(debt, "currency")));
        }
        return Optional.empty();
    }

    /** Why the registries do not let the application through: a passport refusal code and the detail. */
    private record Problem(String code, String detail) {
    }

    private static Problem notFound(String detail) {
        return new Problem("DATA_NOT_FOUND", detail);
    }

    private static Problem notConfirmed(String detail) {
        return new Problem("DATA_NOT_CONFIRMED", detail);
    }

    private Element answer(String serviceId, Element request) {
        Element data = gateway.call(serviceId, request);
        Element payload = data == null ? null : SyncMessages.elementChildren(data).stream().findFirst().orElse(null);
        if (payload == null) {
            throw new GatewayLink.Refused("PROVIDER_FAULT", serviceId + " answered without data");
        }
        return payload;
    }

    private static Element request(String namespace, String name) {
        Document document = SyncMessages.newDocument();
        Element root = document.createElementNS(namespace, name);
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", namespace);
        document.appendChild(root);
        return root;
    }

    private static void add(Element parent, String localName, String text) {
        Element element = parent.getOwnerDocument().createElementNS(parent.getNamespaceURI(), localName);
        element.setTextContent(text);
        parent.appendChild(element);
    }

    /** The first child element named {@code localName}, whatever its namespace, or null. */
    private static Element find(Element parent, String localName) {
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String localName) {
        Element child = find(parent, localName);
        return child == null ? null : child.getTextContent().strip();
    }
}
