package org.qaqpa.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlBytes;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Parse a signed SendMessage request into DOM the way the gateway reads every request
 * ({@link SecureDocuments} with the default {@code XmlLimits}: the guarded StAX reader, CXF's DOM
 * builder), and write that DOM back to bytes the way the gateway writes what it signs, logs and
 * passes on ({@link XmlBytes}), beside a plain namespace-aware JDK {@link DocumentBuilder} parse of
 * the same bytes in the same run. Run by {@link BenchMain}; see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBench {

    /** The request's size before it is signed ({@link PayloadSize} notation); the signature and certificate add ≈ 3 KB. */
    @Param({"2KB", "100KB"})
    public String size;

    private SecureDocuments documents;
    private DocumentBuilder jdkBuilder;
    /** The signed request as a member sends it. */
    private byte[] signed;
    /** {@link #signed} parsed by the gateway's parser: what {@link #serialize()} writes. */
    private Document parsed;

    @Setup(Level.Trial)
    public void setUp() throws ParserConfigurationException {
        SignVerifyWorkload workload = SignVerifyWorkload.shared();
        documents = workload.documents;
        signed = workload.signedRequest(PayloadSize.parse(size).bytes());
        parsed = documents.parse(new ByteArrayInputStream(signed));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        jdkBuilder = factory.newDocumentBuilder();
    }

    /** The bytes {@link #gatewayParse()} and {@link #jdkParse()} read. */
    byte[] signed() {
        return signed;
    }

    /** The gateway's guarded parse: no DTD or entities, the size, depth, attribute and element limits checked as it reads. */
    @Benchmark
    public Document gatewayParse() {
        return documents.parse(new ByteArrayInputStream(signed));
    }

    /** The baseline: the JDK's namespace-aware DOM parser with its defaults, no limits of ours. */
    @Benchmark
    public Document jdkParse() throws SAXException, IOException {
        return jdkBuilder.parse(new ByteArrayInputStream(signed));
    }

    /** The parsed request back to UTF-8 bytes, as the gateway writes a signed envelope, a logged answer or a provider call. */
    @Benchmark
    public byte[] serialize() {
        return XmlBytes.of(parsed);
    }
}
