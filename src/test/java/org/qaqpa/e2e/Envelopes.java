package org.qaqpa.e2e;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Request envelopes shaped like the public SHEP samples, with a replaceable {@code data} payload. */
public final class Envelopes {

    public static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String SYNC_TYPES = "http://bip.bee.kz/SyncChannel/v10/Types";

    private Envelopes() {
    }

    /** The development member of config/members.yaml, whose certificate is the development PKI's legal.p12. */
    public static final String SENDER = "dev-client";
    public static final String PASSWORD = "changeit";

    /**
     * A schema-valid {@code SendMessage} for {@code serviceId} whose {@code data} holds {@code payload}
     * (raw XML), from the development member, with a fresh messageId and the current time.
     */
    public static String sendMessage(String serviceId, String payload) {
        return sendMessage(serviceId, payload, UUID.randomUUID().toString(), SENDER, PASSWORD);
    }

    /** As {@link #sendMessage(String, String)} with the given messageId and sender. */
    public static String sendMessage(String serviceId, String payload, String messageId, String senderId, String password) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
                  <soapenv:Header/>
                  <soapenv:Body>
                    <ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types">
                      <request>
                        <requestInfo>
                          <messageId>%s</messageId>
                          <serviceId>%s</serviceId>
                          <messageDate>%s</messageDate>
                          <sender><senderId>%s</senderId><password>%s</password></sender>
                        </requestInfo>
                        <requestData>
                          <data>%s</data>
                        </requestData>
                      </request>
                    </ns2:SendMessage>
                  </soapenv:Body>
                </soapenv:Envelope>
                """.formatted(messageId, serviceId, OffsetDateTime.now(ZoneOffset.ofHours(5)).truncatedTo(ChronoUnit.MILLIS)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                senderId, password, payload);
    }

    public static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
