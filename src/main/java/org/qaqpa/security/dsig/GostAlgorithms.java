package org.qaqpa.security.dsig;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;
import org.apache.xml.security.algorithms.JCEMapper;
import org.apache.xml.security.algorithms.SignatureAlgorithm;
import org.apache.xml.security.exceptions.AlgorithmAlreadyRegisteredException;
import org.apache.xml.security.signature.XMLSignatureException;

/**
 * The GOST R 34.10-2015 / 34.11-2015 algorithm URIs of the NCA's XML signatures (shep-contract.md
 * §2.3, the {@code pkigovkz} namespace), registered with Santuario so that it signs, digests and
 * verifies them with the {@link GostProvider} in use.
 */
public final class GostAlgorithms {

    private static final String PKIGOVKZ = "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:";
    public static final String SIGNATURE_256 = PKIGOVKZ + "gostr34102015-gostr34112015-256";
    public static final String SIGNATURE_512 = PKIGOVKZ + "gostr34102015-gostr34112015-512";
    public static final String DIGEST_256 = PKIGOVKZ + "gostr34112015-256";
    public static final String DIGEST_512 = PKIGOVKZ + "gostr34112015-512";

    /**
     * Santuario looks digests up by JCE name among the registered providers only. These names exist
     * in one registered provider, {@link GostDigestProvider}, which hands each request to the
     * {@link GostProvider} in use: a digest can never silently come from another provider.
     */
    static final String DIGEST_256_NAME = "QAQPA-GOST3411-2015-256";
    static final String DIGEST_512_NAME = "QAQPA-GOST3411-2015-512";

    private static boolean registered;

    private GostAlgorithms() {
    }

    /** Registers the URIs with Santuario, once per process; Santuario must be initialised. */
    static synchronized void register() {
        if (registered) {
            return;
        }
        JCEMapper.register(SIGNATURE_256, new JCEMapper.Algorithm("", "ECGOST3410-2015-256", "Signature"));
        JCEMapper.register(SIGNATURE_512, new JCEMapper.Algorithm("", "ECGOST3410-2015-512", "Signature"));
        JCEMapper.register(DIGEST_256, new JCEMapper.Algorithm("", DIGEST_256_NAME, "MessageDigest"));
        JCEMapper.register(DIGEST_512, new JCEMapper.Algorithm("", DIGEST_512_NAME, "MessageDigest"));
        try {
            SignatureAlgorithm.register(SIGNATURE_256, GostSignatureSpi.Gost256.class);
            SignatureAlgorithm.register(SIGNATURE_512, GostSignatureSpi.Gost512.class);
        } catch (AlgorithmAlreadyRegisteredException | ClassNotFoundException | XMLSignatureException e) {
            throw new IllegalStateException("cannot register the GOST signature algorithms with Santuario", e);
        }
        // Appended: the last place the JCA looks, and the names are ours alone, so no other lookup changes.
        Security.addProvider(new GostDigestProvider());
        registered = true;
    }

    /** The only globally registered provider of ours: the two Streebog digest names, delegated. */
    private static final class GostDigestProvider extends Provider {

        private static final long serialVersionUID = 1L;

        GostDigestProvider() {
            super("QaqpaGostDigests", "1.0", "Streebog digests of the configured GOST provider, for Santuario");
            putService(new Delegated(this, DIGEST_256_NAME, true));
            putService(new Delegated(this, DIGEST_512_NAME, false));
        }
    }

    /** A digest service whose instances come from the {@link GostProvider} in use at the time of the call. */
    private static final class Delegated extends Provider.Service {

        private final boolean size256;

        Delegated(Provider provider, String name, boolean size256) {
            super(provider, "MessageDigest", name, Delegated.class.getName(), List.of(), Map.of());
            this.size256 = size256;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws java.security.NoSuchAlgorithmException {
            GostProvider gost = GostProvider.current();
            String name = size256 ? gost.names().digest256() : gost.names().digest512();
            Provider.Service service = gost.provider().getService("MessageDigest", name);
            if (service == null) {
                throw new java.security.NoSuchAlgorithmException(gost + " offers no MessageDigest " + name);
            }
            return service.newInstance(constructorParameter);
        }
    }
}
