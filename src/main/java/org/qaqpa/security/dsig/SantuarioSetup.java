package org.qaqpa.security.dsig;

/** Initialises Apache Santuario once per process (algorithm and resolver registries, the GOST URIs included). */
final class SantuarioSetup {

    private SantuarioSetup() {
    }

    static synchronized void init() {
        if (!org.apache.xml.security.Init.isInitialized()) {
            org.apache.xml.security.Init.init();
        }
        GostAlgorithms.register();
    }
}
