package org.qaqpa.async;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which connection parameters of the broker URL the gateway leaves to the URL (an HA URL's reconnection). */
class BrokerConnectionTest {

    @Test
    void findsAParameterOfTheUrlsQuery() {
        String ha = "(tcp://127.0.0.1:61616,tcp://127.0.0.1:61617)?ha=true&reconnectAttempts=-1";
        assertThat(BrokerConnection.hasParameter(ha, "reconnectAttempts")).isTrue();
        assertThat(BrokerConnection.hasParameter(ha, "ha")).isTrue();
        assertThat(BrokerConnection.hasParameter(ha, "initialConnectAttempts")).isFalse();
    }

    @Test
    void findsNoParameterInAUrlWithoutQuery() {
        assertThat(BrokerConnection.hasParameter("tcp://127.0.0.1:61616", "reconnectAttempts")).isFalse();
    }

    @Test
    void doesNotTakeAParameterValueForItsName() {
        assertThat(BrokerConnection.hasParameter("tcp://h:1?sslEnabled=reconnectAttempts", "reconnectAttempts")).isFalse();
    }
}
