package org.qaqpa.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminTokenTest {

    private static final String SECRET = "0123456789abcdef-secret";

    @Test
    void acceptsTheTokenAsBearer() {
        assertThat(AdminToken.of(SECRET).orElseThrow().accepts("Bearer " + SECRET)).isTrue();
        assertThat(AdminToken.of(SECRET).orElseThrow().accepts("bearer " + SECRET)).isTrue();
    }

    @Test
    void refusesAnotherTokenAPrefixOfItAndOtherSchemes() {
        AdminToken token = AdminToken.of(SECRET).orElseThrow();

        assertThat(token.accepts("Bearer " + SECRET + "x")).isFalse();
        assertThat(token.accepts("Bearer " + SECRET.substring(0, 10))).isFalse();
        assertThat(token.accepts("Basic " + SECRET)).isFalse();
        assertThat(token.accepts(SECRET)).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }

    @Test
    void hasNoTokenWhenUnsetBlankOrShort() {
        assertThat(AdminToken.of(null)).isEmpty();
        assertThat(AdminToken.of("   ")).isEmpty();
        assertThat(AdminToken.of("x".repeat(AdminToken.MIN_LENGTH - 1))).isEmpty();
        assertThat(AdminToken.of("x".repeat(AdminToken.MIN_LENGTH))).isPresent();
    }
}
