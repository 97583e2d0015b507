package org.qaqpa.security.dsig;

/** Initialises Apache Santuario once per process (algorithm and resolver registries). */
final class SantuarioSetup {

    private SantuarioSetup() {
    }

    static synchronized void init() {
        if (!org.apache.xml.security.Init.isInitialized()) {
            org.apache.xml.security.Init.init();
        }
    }
}
