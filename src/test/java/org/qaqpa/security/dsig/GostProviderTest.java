package org.qaqpa.security.dsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qaqpa.security.dsig.SignatureFixtures.PKI;
import static org.qaqpa.security.dsig.SignatureFixtures.parse;

import java.security.Provider;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qaqpa.security.dsig.XmlSignatureVerifier.Mode;

/** The GOST provider is a class named in configuration: Bouncy Castle by default, any provider with known names instead. */
class GostProviderTest {

    @AfterEach
    void backToBouncyCastle() {
        GostProvider.use(GostProvider.bouncyCastle());
    }

    @Test
    void signsAndVerifiesWithTheProviderClassNamed() {
        GostProvider.use(GostProvider.load(CountingGostProvider.class.getName()));
        int before = CountingGostProvider.INSTANCES.get();
        String signed = SignatureFixtures.signedEnvelope(PKI.gostIndividual(), XmlSigner.KeyInfoForm.BOTH);
        int afterSigning = CountingGostProvider.INSTANCES.get();
        XmlSignatureVerifier verifier = new XmlSignatureVerifier(new AlgorithmTable(false), true,
                XmlSignatureVerifier.defaultIdAttributes(), List.of());
        assertThat(verifier.verify(parse(signed), Mode.WSS).signer()).isEqualTo(PKI.gostIndividual().certificate());
        assertThat(afterSigning - before).as("a digest and a signature when signing").isGreaterThanOrEqualTo(2);
        assertThat(CountingGostProvider.INSTANCES.get() - afterSigning).as("a digest and a signature when verifying")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void usesBouncyCastleByDefault() {
        assertThat(GostProvider.bouncyCastle().provider().getName()).isEqualTo("BC");
        assertThat(GostProvider.current().names()).isEqualTo(GostProvider.BOUNCY_CASTLE);
    }

    @Test
    void rejectsMissingClass() {
        assertThatThrownBy(() -> GostProvider.load("kz.gov.pki.kalkan.jce.provider.KalkanProvider"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class kz.gov.pki.kalkan.jce.provider.KalkanProvider, which is not on the class path");
    }

    @Test
    void rejectsClassThatIsNotAProvider() {
        assertThatThrownBy(() -> GostProvider.load("java.lang.String"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class java.lang.String, which is not a java.security.Provider");
    }

    @Test
    void rejectsProviderWithoutGostAlgorithms() {
        assertThatThrownBy(() -> GostProvider.load(NoGost.class.getName()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provider NoGost offers no GOST R 34.10-2015 signature");
    }

    /** A provider that offers nothing. */
    public static final class NoGost extends Provider {
        private static final long serialVersionUID = 1L;

        public NoGost() {
            super("NoGost", "1.0", "offers nothing");
        }
    }
}
