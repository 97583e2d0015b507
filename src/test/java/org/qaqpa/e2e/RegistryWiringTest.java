package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qaqpa.registry.Member;

/** With the default configuration the gateway loads config/members.yaml and config/services.yaml at start. */
@ExtendWith(SharedGateway.class)
class RegistryWiringTest {

    @Test
    void loadsTheDevelopmentClientBoundToTheTestPkisLegalEntity() {
        var gateway = SharedGateway.gateway();

        Member devClient = gateway.gateway().members().find("dev-client").orElseThrow();

        assertThat(devClient.certificates().accepts(gateway.pki().legalEntity().certificate())).isTrue();
        assertThat(devClient.mayCall("TEST_SERVICE_ID")).isTrue();
        assertThat(gateway.gateway().services().find("TEST_SERVICE_ID")).isPresent();
        assertThat(gateway.gateway().registries().problem()).isEmpty();
    }
}
