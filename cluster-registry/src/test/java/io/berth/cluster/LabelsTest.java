package io.berth.cluster;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LabelsTest {

    private static final String NAME_63 = "a" + "b".repeat(61) + "c";
    private static final String NAME_64 = "a" + "b".repeat(62) + "c";
    // 4 labels of 62 characters and 3 dots: 251 characters, and one of 2 more: 253 or 254.
    private static final String PREFIX_251 = String.join(".", "p".repeat(62), "q".repeat(62), "r".repeat(62), "s".repeat(62));
    private static final String PREFIX_253 = PREFIX_251 + ".t";
    private static final String PREFIX_254 = PREFIX_251 + ".tu";

    @Nested
    class Keys {

        @ParameterizedTest
        @ValueSource(strings = {"env", "a", "9", "app_name", "app-name", "app.name", "A1", "Env-Name_2.x",
                "app.kubernetes.io/name", "example.com/team", "kubernetes.io/os", "a-b.c-d/e", "1.2.3/x"})
        void acceptsValidKeys(String key) {
            assertThat(Labels.keyProblem(key)).isNull();
        }

        @Test
        void acceptsANameOfSixtyThreeCharacters() {
            assertThat(NAME_63).hasSize(63);
            assertThat(Labels.keyProblem(NAME_63)).isNull();
            assertThat(Labels.keyProblem("example.com/" + NAME_63)).isNull();
        }

        @Test
        void rejectsANameOfSixtyFourCharacters() {
            assertThat(NAME_64).hasSize(64);
            assertThat(Labels.keyProblem(NAME_64)).contains("at most 63 characters");
            assertThat(Labels.keyProblem("example.com/" + NAME_64)).contains("at most 63 characters");
        }

        @Test
        void acceptsAPrefixOfTwoHundredFiftyThreeCharacters() {
            assertThat(PREFIX_253).hasSize(253);
            assertThat(Labels.keyProblem(PREFIX_253 + "/name")).isNull();
        }

        @Test
        void rejectsAPrefixOverTwoHundredFiftyThreeCharacters() {
            assertThat(PREFIX_254).hasSize(254);
            assertThat(Labels.keyProblem(PREFIX_254 + "/name")).contains("prefix").contains("253");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void rejectsNullOrEmptyKeys(String key) {
            assertThat(Labels.keyProblem(key)).isEqualTo("label key must not be empty");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-app", "app-", "_app", "app_", ".app", "app.", "my app", "app!", "äpp", "app:x"})
        void rejectsNamesThatDoNotStartAndEndAlphanumericOrHaveOtherCharacters(String key) {
            assertThat(Labels.keyProblem(key)).startsWith("label key name");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Example.com/name", "example.COM/name", "-example.com/name", "example.com-/name",
                "example..com/name", "example_com/name", ".example.com/name", "example.com./name"})
        void rejectsPrefixesThatAreNotLowerCaseDnsSubdomains(String key) {
            assertThat(Labels.keyProblem(key)).startsWith("label key prefix");
        }

        @Test
        void rejectsASlashAlone() {
            assertThat(Labels.keyProblem("/")).isNotNull();
        }

        @Test
        void rejectsAnEmptyPrefixOrAnEmptyName() {
            assertThat(Labels.keyProblem("/name")).startsWith("label key prefix");
            assertThat(Labels.keyProblem("example.com/")).startsWith("label key name");
        }

        @Test
        void rejectsMoreThanOneSlash() {
            assertThat(Labels.keyProblem("example.com/team/name")).isNotNull();
        }
    }

    @Nested
    class Values {

        @ParameterizedTest
        @ValueSource(strings = {"", "prod", "v1.2.3", "a_b-c.d", "X", "0", "MixedCase"})
        void acceptsValidValues(String value) {
            assertThat(Labels.valueProblem(value)).isNull();
        }

        @Test
        void acceptsAValueOfSixtyThreeCharacters() {
            assertThat(Labels.valueProblem(NAME_63)).isNull();
        }

        @Test
        void rejectsAValueOfSixtyFourCharacters() {
            assertThat(Labels.valueProblem(NAME_64)).contains("at most 63 characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-prod", "prod-", ".prod", "prod_", "a b", "a/b", "a=b", " prod"})
        void rejectsValuesThatDoNotStartAndEndAlphanumericOrHaveOtherCharacters(String value) {
            assertThat(Labels.valueProblem(value)).startsWith("label value");
        }

        @Test
        void rejectsANullValue() {
            assertThat(Labels.valueProblem(null)).isEqualTo("label value must not be null");
        }
    }

    @Nested
    class RequireValid {

        @Test
        void returnsValidLabelsUnchanged() {
            Map<String, String> labels = Map.of("env", "prod", "app.kubernetes.io/name", "web", "gpu", "");

            assertThat(Labels.requireValid(labels)).isEqualTo(labels);
        }

        @Test
        void treatsNullAsNoLabels() {
            assertThat(Labels.requireValid(null)).isEmpty();
        }

        @Test
        void returnsAnImmutableCopyThatDoesNotFollowTheInput() {
            Map<String, String> input = new HashMap<>(Map.of("env", "prod"));

            Map<String, String> valid = Labels.requireValid(input);
            input.put("tier", "db");

            assertThat(valid).containsExactly(Map.entry("env", "prod"));
            assertThatThrownBy(() -> valid.put("tier", "db")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> valid.remove("env")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void reportsEveryBadKeyAtOnce() {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("env", "prod");
            labels.put("-bad", "x");
            labels.put("Upper.com/name", "x");
            labels.put("tier", "not valid");
            labels.put("owner", null);
            labels.put(NAME_64, "x");

            InvalidLabelsException e = catchThrowableOfType(InvalidLabelsException.class, () -> Labels.requireValid(labels));

            assertThat(e.problemsByKey()).containsOnlyKeys("-bad", "Upper.com/name", "tier", "owner", NAME_64);
            assertThat(e.problemsByKey().get("-bad")).startsWith("label key name");
            assertThat(e.problemsByKey().get("Upper.com/name")).startsWith("label key prefix");
            assertThat(e.problemsByKey().get("tier")).startsWith("label value");
            assertThat(e.problemsByKey().get("owner")).isEqualTo("label value must not be null");
            assertThat(e.problemsByKey().get(NAME_64)).contains("at most 63 characters");
            assertThat(e.getMessage()).contains("-bad", "Upper.com/name", "tier", "owner").doesNotContain("env");
        }

        @Test
        void reportsANullKey() {
            Map<String, String> labels = new HashMap<>();
            labels.put(null, "x");

            InvalidLabelsException e = catchThrowableOfType(InvalidLabelsException.class, () -> Labels.requireValid(labels));

            assertThat(e.problemsByKey()).containsEntry("null", "label key must not be empty");
        }

        @Test
        void problemsCannotBeChangedThroughTheException() {
            InvalidLabelsException e = catchThrowableOfType(InvalidLabelsException.class,
                    () -> Labels.requireValid(Map.of("-bad", "x")));

            assertThatThrownBy(() -> e.problemsByKey().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
