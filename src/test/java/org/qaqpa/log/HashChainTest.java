package org.qaqpa.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The canonical row text and hash, against the worked example of docs/message-log.md (hashed there with sha256sum). */
class HashChainTest {

    private static final LoggedRow EXAMPLE = new LoggedRow(17, "main", 1, Instant.parse("2026-11-23T05:00:01.987654Z"),
            LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC, "dev-client", null, "TEST_SERVICE_ID", "m-1",
            "{3c3ba84d-6b6a-4b5d-b3b4-90b1b8f00f2d}", null, Instant.parse("2026-11-23T05:00:00.123456Z"), "RECEIVED",
            null, 10, HashChain.sha256Hex("<request/>".getBytes(StandardCharsets.UTF_8)), HashChain.GENESIS, null);

    @Test
    void writesOneFieldPerLineWithBareNamesForNulls() {
        assertThat(HashChain.canonicalText(EXAMPLE)).isEqualTo("""
                qaqpa-log-row-v1
                chain_id=main
                chain_position=1
                logged_at=2026-11-23T05:00:01.987654Z
                kind=REQUEST
                channel=SYNC
                sender_id=dev-client
                service_id=TEST_SERVICE_ID
                message_id=m-1
                session_id={3c3ba84d-6b6a-4b5d-b3b4-90b1b8f00f2d}
                correlation_id
                message_date=2026-11-23T05:00:00.123456Z
                status=RECEIVED
                error_code
                size_bytes=10
                body_sha256=5bf6887b04a25a2d06a91ee38ee47ad8b51426e54197a8ec2bb3c79e21353555
                prev_hash=0000000000000000000000000000000000000000000000000000000000000000
                """);
    }

    @Test
    void hashesTheDocumentedExampleAsSha256sumDoes() {
        assertThat(HashChain.rowHash(EXAMPLE)).isEqualTo("e3447bb3786a6ee05c678ee96bc430a6851a4d2745b8ee15dcf9e3f10be13d23");
    }

    @Test
    void writesTheOriginalSenderAfterTheSenderOnlyWhenSet() {
        LoggedRow passedOn = new LoggedRow(17, "main", 1, EXAMPLE.loggedAt(), LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC,
                "dev-region", "dev-client", "TEST_SERVICE_ID", "m-1", EXAMPLE.sessionId(), null, EXAMPLE.messageDate(),
                "ACCEPTED", null, 10, EXAMPLE.bodySha256(), HashChain.GENESIS, null);

        assertThat(HashChain.canonicalText(passedOn)).contains("\nsender_id=dev-region\noriginal_sender_id=dev-client\n"
                + "service_id=TEST_SERVICE_ID\n");
        assertThat(HashChain.canonicalText(EXAMPLE)).doesNotContain("original_sender_id");
    }

    @Test
    void writesTimesWithSixFractionalDigitsInUtc() {
        LoggedRow onTheSecond = new LoggedRow(1, "main", 1, Instant.parse("2026-11-23T05:00:00Z"), LogEntry.Kind.FAULT,
                LogEntry.Channel.ASYNC, null, null, null, null, "{s}", null, null, "REFUSED", "LIMIT_EXCEEDED", 0,
                HashChain.sha256Hex(new byte[0]), HashChain.GENESIS, null);

        assertThat(HashChain.canonicalText(onTheSecond))
                .contains("\nlogged_at=2026-11-23T05:00:00.000000Z\n")
                .contains("\nsender_id\n")
                .contains("\nmessage_date\n");
    }

    @Test
    void distinguishesAnEmptyValueFromNull() {
        LoggedRow empty = new LoggedRow(1, "main", 1, EXAMPLE.loggedAt(), LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC,
                "", null, null, null, "{s}", null, null, "RECEIVED", null, 0, EXAMPLE.bodySha256(), HashChain.GENESIS, null);
        LoggedRow absent = new LoggedRow(1, "main", 1, EXAMPLE.loggedAt(), LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC,
                null, null, null, null, "{s}", null, null, "RECEIVED", null, 0, EXAMPLE.bodySha256(), HashChain.GENESIS, null);

        assertThat(HashChain.rowHash(empty)).isNotEqualTo(HashChain.rowHash(absent));
    }
}
