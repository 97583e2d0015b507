package org.qaqpa.e2e;

import java.nio.charset.StandardCharsets;

/** Request envelopes shaped like the public SHEP samples, with a replaceable {@code data} payload. */
public final class Envelopes {

    public static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String SYNC_TYPES = "http://bip.bee.kz/SyncChannel/v10/Types";

    private Envelopes() {
    }

    /** A schema-valid {@code SendMessage} for {@code serviceId} whose {@code data} holds {@code payload} (raw XML). */
    public static String sendMessage(String serviceId, String payload) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
                  <soapenv:Header/>
                  <soapenv:Body>
                    <ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types">
                      <request>
                        <requestInfo>
                          <messageId>e2e-0001</messageId>
                          <serviceId>%s</serviceId>
                          <messageDate>2026-11-23T10:00:00.000+05:00</messageDate>
                          <sender><senderId>e2e-client</senderId><password>secret</password></sender>
                        </requestInfo>
                        <requestData>
                          <data>%s</data>
                        </requestData>
                      </request>
                    </ns2:SendMessage>
                  </soapenv:Body>
                </soapenv:Envelope>
                """.formatted(serviceId, payload);
    }

    public static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
