package com.jobladder.internal.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {
    @Test
    void controlFormatAndSeparatorCharactersAreEscapedAndTheRestKept() {
        assertThat(SafeText.escaped("a\u0000b\nc\td\u202ee\u2028f\u007fé😀"))
                .isEqualTo("a\\u0000b\\nc\\td\\u202ee\\u2028f\\u007fé😀");
        assertThat(SafeText.escaped("plain")).isSameAs("plain");
    }

    @Test
    void loneSurrogatesAreEscapedPairsKept() {
        assertThat(SafeText.escaped("x\ud83dy")).isEqualTo("x\\ud83dy");
        assertThat(SafeText.escaped("x\ude00y")).isEqualTo("x\\ude00y");
    }

    @Test
    void aCapNeverSplitsASurrogatePairAndSaysHowMuchWasLeftOut() {
        assertThat(SafeText.capped("ab😀", 3)).isEqualTo("ab...(2 more characters)");
        assertThat(SafeText.capped("x".repeat(2000), 10)).isEqualTo("xxxxxxxxxx...(1990 more characters)");
    }

    @Test
    void aDeadReasonIsCappedAtAboutOneKilobyte() {
        assertThat(SafeText.reason("e".repeat(200_000)).length()).isLessThan(SafeText.REASON_CHARS + 40);
    }

    @Test
    void nonTextValuesAreDescribedNotDumped() {
        assertThat(SafeText.quote(new byte[300])).isEqualTo("<byte array of 300 bytes>");
        assertThat(SafeText.quote(java.util.Map.of())).isEqualTo("<table of 0 entries>");
        assertThat(SafeText.quote(null)).isEqualTo("<none>");
        assertThat(SafeText.quote(17L)).isEqualTo("17");
    }
}
