package io.berth.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CursorsAndETagsTest {

    @Test
    void cursorRoundTripsItsKeyAndIsOpaque() {
        String cursor = Cursors.encode("prod-eu-1");

        assertThat(cursor).doesNotContain("prod-eu-1").matches("[A-Za-z0-9_-]+");
        assertThat(Cursors.decode(cursor)).isEqualTo("prod-eu-1");
    }

    @Test
    void noCursorMeansStartAndLastPageHasNoCursor() {
        assertThat(Cursors.decode(null)).isNull();
        assertThat(Cursors.decode(" ")).isNull();
        assertThat(Cursors.encode(null)).isNull();
    }

    @Test
    void foreignCursorIsAMalformedRequest() {
        assertThatThrownBy(() -> Cursors.decode("prod-eu-1"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_REQUEST));
        assertThatThrownBy(() -> Cursors.decode("%%%"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_REQUEST));
    }

    @Test
    void limitDefaultsAndBounds() {
        assertThat(Cursors.limit(null, 50, 500)).isEqualTo(50);
        assertThat(Cursors.limit(500, 50, 500)).isEqualTo(500);
        assertThatThrownBy(() -> Cursors.limit(501, 50, 500)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Cursors.limit(0, 50, 500)).isInstanceOf(ApiException.class);
    }

    @Test
    void etagCarriesTheVersionAndIfMatchReadsItBack() {
        assertThat(ETags.of(7)).isEqualTo("\"7\"");
        assertThat(ETags.expectedVersion("\"7\"")).isEqualTo(7L);
        assertThat(ETags.expectedVersion("W/\"7\"")).isEqualTo(7L);
        assertThat(ETags.expectedVersion(null)).isNull();
        assertThat(ETags.expectedVersion("*")).isNull();
    }

    @Test
    void ifMatchThatIsNoETagOfOursFailsThePrecondition() {
        assertThatThrownBy(() -> ETags.expectedVersion("7"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PRECONDITION_FAILED));
        assertThatThrownBy(() -> ETags.expectedVersion("\"abc\""))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PRECONDITION_FAILED));
    }

    @Test
    void everyProblemTypeHasAStableUrnAndTitle() {
        for (ProblemType type : ProblemType.values()) {
            assertThat(type.type().toString()).matches("urn:berth:problem:[a-z-]+");
            assertThat(type.title()).isNotBlank().doesNotContain("Exception");
        }
        assertThat(ProblemType.forStatus(405)).isEqualTo(ProblemType.METHOD_NOT_ALLOWED);
        assertThat(ProblemType.forStatus(409)).isEqualTo(ProblemType.CONFLICT);
        assertThat(ProblemType.forStatus(422)).isEqualTo(ProblemType.VALIDATION_FAILED);
    }
}
