package org.qaqpa.security.pki;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The NCA reading of a subject DN: IIN from {@code SERIALNUMBER=IIN…}, BIN from {@code OU=BIN…}
 * (or {@code SERIALNUMBER=BIN…}), names from CN/SURNAME/GIVENNAME, O, E. The values are the
 * certificate's text as is: escape them ({@code PrintableText}) before showing them to anyone.
 *
 * @param commonName the CN, empty if the subject has none
 */
public record NcaSubject(String commonName, Optional<String> iin, Optional<String> bin, Optional<String> surname,
                         Optional<String> givenName, Optional<String> organization, Optional<String> email) {

    private static final String IIN_PREFIX = "IIN";
    private static final String BIN_PREFIX = "BIN";

    public NcaSubject {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(iin, "iin");
        Objects.requireNonNull(bin, "bin");
        Objects.requireNonNull(surname, "surname");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(email, "email");
    }

    /**
     * Reads the attributes by OID, so the DN's string spelling (SN, G, EMAILADDRESS…) does not
     * matter. A serial number without an IIN or BIN prefix is neither: unlike NCANode we do not
     * guess that any serial number is an IIN. When an attribute occurs twice, the first wins.
     */
    public static NcaSubject of(X500Principal subject) {
        X500Name name = X500Name.getInstance(subject.getEncoded());
        Optional<String> serialNumber = first(name, BCStyle.SERIALNUMBER);
        Optional<String> binFromOu = all(name, BCStyle.OU)
                .filter(ou -> ou.startsWith(BIN_PREFIX)).findFirst().map(ou -> ou.substring(BIN_PREFIX.length()));
        return new NcaSubject(
                first(name, BCStyle.CN).orElse(""),
                serialNumber.filter(s -> s.startsWith(IIN_PREFIX)).map(s -> s.substring(IIN_PREFIX.length())),
                binFromOu.or(() -> serialNumber.filter(s -> s.startsWith(BIN_PREFIX)).map(s -> s.substring(BIN_PREFIX.length()))),
                first(name, BCStyle.SURNAME),
                first(name, BCStyle.GIVENNAME),
                first(name, BCStyle.O),
                first(name, BCStyle.E));
    }

    private static Optional<String> first(X500Name name, ASN1ObjectIdentifier type) {
        return all(name, type).findFirst();
    }

    /** Values of one attribute type, also from multi-valued RDNs; non-string values (never seen in NCA certs) are skipped. */
    private static Stream<String> all(X500Name name, ASN1ObjectIdentifier type) {
        return Arrays.stream(name.getRDNs())
                .flatMap(rdn -> Arrays.stream(rdn.getTypesAndValues()))
                .filter(atv -> atv.getType().equals(type))
                .map(AttributeTypeAndValue::getValue)
                .filter(ASN1String.class::isInstance)
                .map(value -> ((ASN1String) value).getString());
    }
}
