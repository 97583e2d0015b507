package org.qaqpa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.qaqpa.log.ChainReport;
import org.qaqpa.log.ChainVerifier;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.security.dsig.VerifiedSignature;
import org.qaqpa.security.pki.ValidatedSigner;
import org.w3c.dom.Document;

/**
 * Sets up each JMH benchmark of {@link BenchMain} and runs every {@code @Benchmark} method once, checking
 * what it returns, so that a benchmark that no longer sets up or no longer does its work fails the build
 * instead of a later benchmark run. Nothing here is timed.
 */
class BenchmarksRunOnceTest {

    private static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    @Test
    void everyBenchmarkMethodIsRunOnceHere() {
        // A new @Benchmark method must get its check below; this list is what the tests of this class run.
        Set<String> checked = Set.of("SignVerifyBench.rawSign", "SignVerifyBench.rawVerify", "SignVerifyBench.xmlSign",
                "SignVerifyBench.xmlVerify", "SignVerifyBench.xmlVerifyWithCertificate", "ParseBench.gatewayParse",
                "ParseBench.jdkParse", "ParseBench.serialize", "MessageLogWriteBench.append",
                "MessageLogWriteBench.appendConcurrently", "MessageLogWriteBench.plainInsert",
                "MessageLogWriteBench.plainInsertConcurrently");

        Set<String> benchmarks = BenchMain.BENCHMARKS.stream()
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class)))
                .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName()).collect(Collectors.toSet());
        assertThat(benchmarks).isEqualTo(checked);
    }

    @Test
    void mainRunsEveryBenchmarkClassByDefault() {
        String includes = BenchMain.defaultIncludes();
        for (Class<?> benchmark : BenchMain.BENCHMARKS) {
            for (Method method : benchmark.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Benchmark.class)) {
                    assertThat(benchmark.getName() + "." + method.getName()).containsPattern(includes);
                }
            }
        }
        assertThat("org.qaqpa.bench.SignVerifyBenchmarks.rawSign").doesNotContainPattern(includes);
    }

    @Test
    void signVerifyBenchSignsAndVerifiesTheRequest() {
        SignVerifyBench bench = new SignVerifyBench();
        bench.setUp();

        assertThat(bench.rawSign()).hasSize(256); // RSA-2048
        assertThat(bench.rawVerify()).isTrue();
        Document signed = bench.xmlSign();
        assertThat(signed.getElementsByTagNameNS(WSSE, "Security").getLength()).isEqualTo(1);
        VerifiedSignature verified = bench.xmlVerify();
        ValidatedSigner signer = bench.xmlVerifyWithCertificate();
        assertThat(signer.certificate()).isEqualTo(verified.signer());
        assertThat(signer.path()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2KB", "100KB"})
    void parseBenchParsesTheSignedRequestAndWritesItBackUnchanged(String size) throws Exception {
        assertThat(Arrays.asList(ParseBench.class.getField("size").getAnnotation(Param.class).value())).contains(size);
        ParseBench bench = new ParseBench();
        bench.size = size;
        bench.setUp();

        assertThat(bench.signed().length).isGreaterThan(PayloadSize.parse(size).bytes());
        Document gateway = bench.gatewayParse();
        Document jdk = bench.jdkParse();
        for (Document document : new Document[] {gateway, jdk}) {
            assertThat(document.getDocumentElement().getLocalName()).isEqualTo("Envelope");
            assertThat(document.getElementsByTagNameNS(WSSE, "Security").getLength()).isEqualTo(1);
            assertThat(document.getElementsByTagName("data").item(0).getTextContent().length())
                    .isGreaterThan(PayloadSize.parse(size).bytes() / 2);
        }
        byte[] written = bench.serialize();
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(new String(bench.signed(), StandardCharsets.UTF_8));
    }

    @Test
    void messageLogWriteBenchAppendsChainedRowsAndInsertsPlainRows() throws Exception {
        MessageLogWriteBench bench = new MessageLogWriteBench();
        MessageLogWriteBench.GatewayLog log = new MessageLogWriteBench.GatewayLog();
        log.open();
        try {
            LoggedRow first = bench.append(log);
            LoggedRow second = bench.appendConcurrently(log);

            assertThat(first.position()).isEqualTo(1);
            assertThat(second.position()).isEqualTo(2);
            assertThat(second.prevHash()).isEqualTo(first.rowHash());
            assertThat(second.sizeBytes()).isGreaterThan(SignVerifyWorkload.REQUEST_BYTES);
            ChainReport report = new ChainVerifier(log.database().dataSource()).verify();
            assertThat(report.isIntact()).isTrue();
            assertThat(report.rows()).isEqualTo(2);
        } finally {
            log.close();
        }

        MessageLogWriteBench.PlainTable table = new MessageLogWriteBench.PlainTable();
        table.open();
        try {
            MessageLogWriteBench.PlainConnection connection = new MessageLogWriteBench.PlainConnection();
            connection.open(table);
            try {
                assertThat(bench.plainInsert(connection)).isEqualTo(1);
                assertThat(bench.plainInsertConcurrently(connection)).isEqualTo(1);
                assertThat(table.rows()).isEqualTo(2);
            } finally {
                connection.close();
            }
        } finally {
            table.close();
        }
    }
}
