package com.jobladder.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminTokenTest {
    @Test
    void onlyTheExactTokenIsAccepted() {
        AdminToken token = new AdminToken(Optional.of("the-admin-token-1"));
        assertThat(token.configured()).isTrue();
        assertThat(token.accepts("the-admin-token-1")).isTrue();
        assertThat(token.accepts("the-admin-token-2")).isFalse();
        assertThat(token.accepts("the-admin-token-1 ")).isFalse();
        assertThat(token.accepts("")).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }

    @Test
    void withoutATokenNothingIsAccepted() {
        AdminToken none = new AdminToken(Optional.empty());
        assertThat(none.configured()).isFalse();
        assertThat(none.accepts("")).isFalse();
        assertThat(none.accepts("anything")).isFalse();
    }
}
