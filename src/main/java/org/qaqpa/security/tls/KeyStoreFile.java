package org.qaqpa.security.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.function.Function;
import org.qaqpa.config.ConfigException;

/**
 * A PKCS#12 file named in {@code qaqpa.yaml} whose password is in an environment variable the file names
 * (never in the file itself): {@code server.tls.keystore}, {@code server.tls.truststore}, {@code routing.tls.truststore}.
 * Read at start, so that a wrong path or password stops the gateway with a {@link ConfigException} naming the file
 * and the key.
 *
 * @param key         the configuration key naming the file, for messages ({@code server.tls.keystore})
 * @param file        the file
 * @param passwordEnv the environment variable holding its password
 */
public record KeyStoreFile(String key, Path file, String passwordEnv) {

    /**
     * A keystore with a private key: its password must be set.
     *
     * @throws ConfigException naming the key when the password is missing or the file cannot be read
     */
    public KeyStore loadKeys(Function<String, String> environment) {
        String password = environment.apply(passwordEnv);
        if (password == null || password.isEmpty()) {
            throw problem(key + "-password-env names " + passwordEnv + ", which is not set: the password of this"
                    + " file is read from it");
        }
        return load(password.toCharArray());
    }

    /**
     * A truststore of certificates: its password, when the variable is set, checks the file's integrity; a
     * PKCS#12 truststore made without a password (keytool {@code -storepass} of an empty one) reads without.
     *
     * @throws ConfigException naming the key when the file cannot be read or holds no certificate
     */
    public KeyStore loadTrust(Function<String, String> environment) {
        String password = environment.apply(passwordEnv);
        KeyStore store = load(password == null ? null : password.toCharArray());
        try {
            if (store.size() == 0) {
                throw problem(key + " holds no certificate"
                        + (password == null ? " readable without a password (" + passwordEnv + " is not set)" : ""));
            }
        } catch (KeyStoreException e) {
            throw problem(key + ": " + e.getMessage());
        }
        return store;
    }

    /** The password the key entries are protected with (PKCS#12: the store's). */
    public char[] password(Function<String, String> environment) {
        String password = environment.apply(passwordEnv);
        return password == null ? null : password.toCharArray();
    }

    private KeyStore load(char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw problem(key + " names this file, which does not exist");
        } catch (IOException e) {
            throw problem(key + " names this file, which cannot be read as PKCS#12 with the password in " + passwordEnv
                    + " (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw problem(key + " names this file, which cannot be read: " + e.getMessage());
        }
    }

    /** A start-stopping problem, said in one line naming the file ({@code qaqpa run} exits with code 2). */
    private ConfigException problem(String text) {
        return new ConfigException(file.toString(), text);
    }
}
