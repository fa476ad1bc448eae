package io.berth.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

    /** The precedence example of semver.org, lowest first. */
    private static final List<String> SEMVER_ORG_ORDER = List.of(
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");

    @Test
    void followsTheSemverOrgPrecedenceExample() {
        List<SemVer> shuffled = new ArrayList<>(SEMVER_ORG_ORDER.stream().map(SemVer::parse).toList());
        Collections.shuffle(shuffled, new java.util.Random(7));
        Collections.sort(shuffled);
        assertThat(shuffled).extracting(SemVer::toString).containsExactlyElementsOf(SEMVER_ORG_ORDER);
    }

    @Test
    void comparesMajorMinorAndPatchNumerically() {
        assertThat(SemVer.parse("1.10.0")).isGreaterThan(SemVer.parse("1.9.0"));
        assertThat(SemVer.parse("2.0.0")).isGreaterThan(SemVer.parse("1.99.99"));
        assertThat(SemVer.parse("1.0.10")).isGreaterThan(SemVer.parse("1.0.9"));
    }

    @Test
    void comparesNumericPreReleaseIdentifiersNumericallyAndBelowAlphanumericOnes() {
        assertThat(SemVer.parse("1.0.0-rc.10")).isGreaterThan(SemVer.parse("1.0.0-rc.9"));
        assertThat(SemVer.parse("1.0.0-12345678901234567890")).isGreaterThan(SemVer.parse("1.0.0-9"));
        assertThat(SemVer.parse("1.0.0-1")).isLessThan(SemVer.parse("1.0.0-a"));
        assertThat(SemVer.parse("1.0.0-0a")).isGreaterThan(SemVer.parse("1.0.0-999"));
    }

    @Test
    void ignoresBuildMetadataInPrecedenceButKeepsIt() {
        SemVer a = SemVer.parse("1.1.0-rc.1+build.5");
        SemVer b = SemVer.parse("1.1.0-rc.1+exp.sha.5114f85");
        assertThat(a.compareTo(b)).isZero();
        assertThat(a.build()).containsExactly("build", "5");
        assertThat(a.toString()).isEqualTo("1.1.0-rc.1+build.5");
        assertThat(a.isPreRelease()).isTrue();
    }

    @Test
    void newestFirstPutsReleasesBeforeTheirPreReleases() {
        List<SemVer> versions = new ArrayList<>(List.of(SemVer.parse("1.0.0"), SemVer.parse("1.1.0-rc.1"),
                SemVer.parse("0.9.0"), SemVer.parse("1.1.0")));
        versions.sort(SemVer.NEWEST_FIRST);
        assertThat(versions).extracting(SemVer::toString).containsExactly("1.1.0", "1.1.0-rc.1", "1.0.0", "0.9.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.0.0", "1.0", "1", "01.0.0", "1.02.0", "1.0.00", "1.0.0-01", "1.0.0-", "1.0.0+",
            "1.0.0-alpha..1", "1.0.0-alpha_1", " 1.0.0", "1.0.0 ", "", "1.0.0+build+2", "99999999999999999999.0.0"})
    void rejectsTextThatIsNotASemanticVersion(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> SemVer.parse(text));
        assertThat(SemVer.isValid(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0", "1.0.0-0", "1.0.0-alpha-1", "1.0.0-0.3.7", "1.0.0-x.7.z.92", "1.0.0+001",
            "1.0.0-x-y-z.--", "10.20.30"})
    void acceptsValidVersionsAndPrintsThemBack(String text) {
        assertThat(SemVer.parse(text).toString()).isEqualTo(text);
    }
}
