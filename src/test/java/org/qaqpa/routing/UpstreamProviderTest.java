package org.qaqpa.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link UpstreamProvider#syncChannel}: a national node's base address means its sync channel. */
class UpstreamProviderTest {

    @Test
    void aBaseAddressMeansTheSyncChannel() {
        assertThat(UpstreamProvider.syncChannel("http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080/bip-sync/");
        assertThat(UpstreamProvider.syncChannel("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080/bip-sync/");
        assertThat(UpstreamProvider.syncChannel("https://shep.example.kz/")).isEqualTo("https://shep.example.kz/bip-sync/");
    }

    @Test
    void anAddressWithAPathIsKept() {
        assertThat(UpstreamProvider.syncChannel("http://127.0.0.1:8080/bip-sync/")).isEqualTo("http://127.0.0.1:8080/bip-sync/");
        assertThat(UpstreamProvider.syncChannel("https://gw.example.kz/shep/bip-sync/"))
                .isEqualTo("https://gw.example.kz/shep/bip-sync/");
    }
}
