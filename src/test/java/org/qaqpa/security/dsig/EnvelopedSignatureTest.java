package org.qaqpa.security.dsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.qaqpa.security.dsig.SignatureFixtures.PKI;
import static org.qaqpa.security.dsig.SignatureFixtures.parse;
import static org.qaqpa.security.dsig.SignatureFixtures.signedBusinessDocument;
import static org.qaqpa.security.dsig.SignatureFixtures.strictVerifier;

import org.junit.jupiter.api.Test;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;

/** The enveloped business signature (shep-contract.md §2.2): URI="", enveloped + c14n with comments. */
class EnvelopedSignatureTest {

    private final String signed = signedBusinessDocument(PKI.legalEntity());

    @Test
    void acceptsUntamperedDocumentInTheReferenceForm() {
        VerifiedSignature result = strictVerifier().verify(parse(signed), XmlSignatureVerifier.Mode.ENVELOPED);
        assertThat(result.signer()).isEqualTo(PKI.legalEntity().certificate());
        assertThat(result.references()).containsExactly("");
        assertThat(signed).contains("http://www.w3.org/2000/09/xmldsig#enveloped-signature",
                "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments", "<ds:X509Certificate>");
        assertThat(signed.lastIndexOf("</ds:Signature>")).isGreaterThan(signed.lastIndexOf("</BIN>"));
    }

    @Test
    void refusesTamperedValue() {
        assertRefused(signed.replace("990140000123", "990140000999"), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void commentsAreOutsideAWholeDocumentReference() {
        // XMLDSig: URI="" selects the document without comments, even with a #WithComments transform.
        String changedComment = signed.replace("not covered by the signature", "a comment was changed");
        assertThat(strictVerifier().verify(parse(changedComment), XmlSignatureVerifier.Mode.ENVELOPED)).isNotNull();
    }

    @Test
    void refusesDocumentWithoutSignature() {
        assertRefused(SignatureFixtures.BUSINESS_DOCUMENT, ErrorCode.SIGNATURE_MISSING);
    }

    @Test
    void refusesReferenceToPartOfTheDocument() {
        assertRefused(signed.replace("URI=\"\"", "URI=\"#part\""), ErrorCode.SIGNATURE_COVERAGE);
    }

    private static void assertRefused(String xml, ErrorCode expected) {
        QaqpaFault fault = catchThrowableOfType(QaqpaFault.class,
                () -> strictVerifier().verify(parse(xml), XmlSignatureVerifier.Mode.ENVELOPED));
        assertThat(fault).as("expected " + expected).isNotNull();
        assertThat(fault.code()).as(fault.getMessage()).isEqualTo(expected);
    }
}
