package org.qaqpa.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashTest {

    @Test
    void matchesItsPasswordOnly() {
        PasswordHash hash = PasswordHash.create("s3cret-пароль".toCharArray(), 1000);

        assertThat(hash.matches("s3cret-пароль".toCharArray())).isTrue();
        assertThat(hash.matches("s3cret-пароль ".toCharArray())).isFalse();
        assertThat(hash.matches(new char[0])).isFalse();
    }

    @Test
    void encodesSelfDescribingAndParsesBack() {
        PasswordHash hash = PasswordHash.create("pw".toCharArray(), 1234);

        assertThat(hash.encoded()).matches("\\$pbkdf2-sha256\\$i=1234\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        PasswordHash parsed = PasswordHash.parse(hash.encoded()).orElseThrow();
        assertThat(parsed).isEqualTo(hash);
        assertThat(parsed.iterations()).isEqualTo(1234);
        assertThat(parsed.matches("pw".toCharArray())).isTrue();
    }

    @Test
    void saltsEachHash() {
        assertThat(PasswordHash.create("pw".toCharArray(), 1000).encoded())
                .isNotEqualTo(PasswordHash.create("pw".toCharArray(), 1000).encoded());
    }

    /** The value for password "passwd", salt "saltsaltsaltsalt", 1 iteration, from Python's hashlib.pbkdf2_hmac. */
    @Test
    void agreesWithAnIndependentImplementation() {
        PasswordHash vector = PasswordHash.parse(
                "$pbkdf2-sha256$i=1$c2FsdHNhbHRzYWx0c2FsdA$cxtGijCjzn8qI+bIWcm/1XQSG9mSecjqhKq9cKXvyyk").orElseThrow();

        assertThat(vector.matches("passwd".toCharArray())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "changeit",
            "$pbkdf2-sha1$i=1000$c2FsdHNhbHRzYWx0c2FsdA$Hn2Gw7ofB64ljOv0pUhZOY3G+OzC7gqfrPyOB0BD/tM",
            "$pbkdf2-sha256$i=0$c2FsdHNhbHRzYWx0c2FsdA$Hn2Gw7ofB64ljOv0pUhZOY3G+OzC7gqfrPyOB0BD/tM",
            "$pbkdf2-sha256$i=1000$c2FsdA$Hn2Gw7ofB64ljOv0pUhZOY3G+OzC7gqfrPyOB0BD/tM",
            "$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA$Hn2Gw7ofB64ljOv0pUhZOY3G",
            "$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA==$Hn2Gw7ofB64ljOv0pUhZOY3G+OzC7gqfrPyOB0BD/tM",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$Hn2Gw7ofB64ljOv0pUhZOY3G+OzC7gqfrPyOB0BD/tM"})
    void refusesOtherFormats(String encoded) {
        assertThat(PasswordHash.parse(encoded)).isEmpty();
    }

    @Test
    void neverShowsTheHashInToString() {
        PasswordHash hash = PasswordHash.create("pw".toCharArray(), 1000);

        assertThat(hash.toString()).doesNotContain(hash.encoded().substring(25));
    }
}
