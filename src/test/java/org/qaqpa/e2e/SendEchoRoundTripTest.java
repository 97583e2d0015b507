package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole sync channel with {@code qaqpa send}: member → gateway → sandbox echo provider → gateway
 * → member, every hop signed and verified. Needs the sync pipeline of issue 5 (member authentication,
 * provider call, provider answer verification).
 */
@ExtendWith(SharedGateway.class)
class SendEchoRoundTripTest {

    @Test
    void echoesTheDefaultPayloadThroughTheGateway() {
        org.qaqpa.cli.CliRun.Result result = SendCommandTest.send("--service", "TEST_SERVICE_ID", "--message-id", "cli-echo-1");

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains("signed by: " + SharedGateway.gateway().pki().gateway().certificate().getSubjectX500Principal())
                .contains("correlationId: cli-echo-1")
                .contains("status: Success: no business signature")
                .contains("<echo>hello</echo>");
    }
}
