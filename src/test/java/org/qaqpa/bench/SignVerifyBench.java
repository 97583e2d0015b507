package org.qaqpa.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.qaqpa.security.dsig.VerifiedSignature;
import org.qaqpa.security.pki.ValidatedSigner;
import org.w3c.dom.Document;

/**
 * Sign and verify a 2 KB SendMessage request the way the gateway does (bytes parsed into DOM, then
 * the WS-Security signature made or checked), beside raw {@code java.security.Signature}
 * SHA256withRSA over the same request's canonical bytes with the same RSA-2048 key, in the same
 * run. Run by {@link BenchMain}; see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignVerifyBench {

    private SignVerifyWorkload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new SignVerifyWorkload();
    }

    /** The baseline: one RSA-2048 SHA256withRSA signature over the 2 KB canonical request. */
    @Benchmark
    public byte[] rawSign() {
        return SignVerifyWorkload.rawSign(workload.signerKey.privateKey(), workload.canonical);
    }

    /** The baseline: one RSA-2048 SHA256withRSA verification over the 2 KB canonical request. */
    @Benchmark
    public boolean rawVerify() {
        return SignVerifyWorkload.rawVerify(workload.signerKey.certificate().getPublicKey(), workload.canonical,
                workload.rawSignature);
    }

    /** Parse the unsigned request and add the WS-Security transport signature (serialisation not included). */
    @Benchmark
    public Document xmlSign() {
        return workload.sign(workload.unsigned);
    }

    /** Parse the signed request and verify its WS-Security signature (certificate trust not checked). */
    @Benchmark
    public VerifiedSignature xmlVerify() {
        return workload.verify(workload.signed);
    }

    /**
     * {@link #xmlVerify()} with the signer certificate check (path to the root, validity, key usage; revocation off)
     * before the digest work, as the gateway checks every request.
     */
    @Benchmark
    public ValidatedSigner xmlVerifyWithCertificate() {
        return workload.verifyWithCertificate(workload.signed);
    }
}
