package org.qaqpa.server;

import java.util.Map;
import javax.xml.namespace.QName;

/** The SOAP channels the gateway serves, each with its path, WSDL and per-operation fault elements. */
public enum SoapChannel {

    SYNC("sync", "/bip-sync", "wsdl/SyncChannel/v10/SyncChannelHttp_Service.wsdl",
            new QName(Ns.SYNC_BINDING, "ISyncChannelHttpService"), new QName(Ns.SYNC_BINDING, "SyncChannelHttpPort"),
            Map.of("SendMessage", new QName(Ns.SYNC_TYPES, "SendMessageFault1_SendMessageFault")),
            "SendMessage"),

    ASYNC("async", "/bip-async", "wsdl/AsyncChannel/v10/AsyncChannelHttp_Service.wsdl",
            new QName(Ns.ASYNC_BINDING, "AsyncChannelHttpService"), new QName(Ns.ASYNC_BINDING, "AsyncChannelHttpPort"),
            Map.of("sendMessage", new QName(Ns.ASYNC_TYPES, "sendMessageFault1_sendMessageFault"),
                    "sendDeliveryNotification", new QName(Ns.ASYNC_TYPES,
                            "sendDeliveryNotificationFault1_sendDeliveryNotificationFault"),
                    "getMessageStatus", new QName(Ns.ASYNC_TYPES, "getMessageStatusFault1_getMessageStatusFault"),
                    "getMessages", new QName(Ns.ASYNC_TYPES, "getMessagesFault1_getMessagesFault")),
            "sendMessage"),

    /**
     * The participant-side interface ({@code IAsyncChannelClient}) of this gateway as a member of another gateway
     * node: where that node passes back answers to messages this one passed on, and notifies their states
     * (docs/regional.md). Only gateway nodes ({@code node: true} members) may call it.
     */
    ASYNC_CLIENT("asyncClient", "/bip-async-client", "wsdl/AsyncChannel/v10/AsyncChannelClientHttp_Service.wsdl",
            new QName(Ns.ASYNC_CLIENT_BINDING, "AsyncChannelClientHttpService"),
            new QName(Ns.ASYNC_CLIENT_BINDING, "AsyncChannelClientHttpPort"),
            Map.of("sendMessage", new QName(Ns.ASYNC_TYPES, "sendMessageFault1_sendMessageFault"),
                    "changeMassageStatusNotification", new QName(Ns.ASYNC_CLIENT_TYPES,
                            "changeMassageStatusNotificationFault1_changeMassageStatusNotificationFault")),
            "sendMessage");

    /** Contract namespaces (shep-contract.md §1). */
    public static final class Ns {
        public static final String SYNC_TYPES = "http://bip.bee.kz/SyncChannel/v10/Types";
        public static final String SYNC_BINDING = "http://bip.bee.kz/SyncChannel/v10/Interfaces/Binding2";
        public static final String ASYNC_TYPES = "http://bip.bee.kz/AsyncChannel/v10/Types";
        public static final String ASYNC_BINDING = "http://bip.bee.kz/AsyncChannel/v10/Interfaces/Binding";
        public static final String ASYNC_CLIENT_TYPES = "http://bip.bee.kz/AsyncChannel/v10/Types/Client";
        public static final String ASYNC_CLIENT_BINDING = "http://bip.bee.kz/AsyncChannel/v10/Interfaces/Client/Binding";

        private Ns() {
        }
    }

    private final String routePrefix;
    private final String path;
    private final String wsdl;
    private final QName service;
    private final QName port;
    private final Map<String, QName> faultElements;
    private final String defaultOperation;

    SoapChannel(String routePrefix, String path, String wsdl, QName service, QName port,
                Map<String, QName> faultElements, String defaultOperation) {
        this.routePrefix = routePrefix;
        this.path = path;
        this.wsdl = wsdl;
        this.service = service;
        this.port = port;
        this.faultElements = faultElements;
        this.defaultOperation = defaultOperation;
    }

    /** Prefix of the channel's route ids and {@code direct:} names ({@code sync.SendMessage}). */
    public String routePrefix() {
        return routePrefix;
    }

    /** The HTTP path, e.g. {@code /bip-sync} (served with and without the trailing slash). */
    public String path() {
        return path;
    }

    /** Classpath location of the service WSDL. */
    public String wsdl() {
        return wsdl;
    }

    public QName service() {
        return service;
    }

    public QName port() {
        return port;
    }

    /** Name of the {@code CxfEndpoint} bean routes consume from ({@code cxf:bean:syncEndpoint}). */
    public String beanName() {
        return routePrefix + "Endpoint";
    }

    public Map<String, QName> faultElements() {
        return faultElements;
    }

    /** The fault element used when a request fails before its operation is known. */
    public QName defaultFaultElement() {
        return faultElements.get(defaultOperation);
    }
}
