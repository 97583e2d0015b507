package org.qaqpa.registry;

/** How a service's provider is called: in the request ({@code sync}) or through the async channel's queue. */
public enum ServiceMode {
    SYNC, ASYNC
}
