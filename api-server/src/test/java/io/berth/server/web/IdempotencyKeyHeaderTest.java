package io.berth.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyKeyHeaderTest {

    @Test
    void aKeyOfVisibleAsciiIsTakenAsSentAndNoneIsNull() {
        assertThat(IdempotencyKeyHeader.parse("7d0c4b1e-5f7a-4c1e-9d1e-2b3c4d5e6f70"))
                .isEqualTo("7d0c4b1e-5f7a-4c1e-9d1e-2b3c4d5e6f70");
        assertThat(IdempotencyKeyHeader.parse("k".repeat(255))).hasSize(255);
        assertThat(IdempotencyKeyHeader.parse(null)).isNull();
    }

    @Test
    void aKeyThatIsBlankTooLongOrNotVisibleAsciiIsAMalformedRequest() {
        for (String key : List.of("", "   ", "k".repeat(256), "two words", "caf\u00e9", "tab\there")) {
            assertThatThrownBy(() -> IdempotencyKeyHeader.parse(key)).as(key)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_REQUEST);
                        assertThat(e.getMessage()).isEqualTo(
                                "The Idempotency-Key header must be 1 to 255 visible ASCII characters, e.g. a UUID");
                        assertThat(e.errors()).containsExactly(new FieldProblem("Idempotency-Key", "invalid"));
                    });
        }
    }
}
