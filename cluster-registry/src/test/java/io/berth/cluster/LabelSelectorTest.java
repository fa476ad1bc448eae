package io.berth.cluster;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelSelectorTest {

    private static final Map<String, String> PROD = Map.of("env", "prod", "tier", "web");
    private static final Map<String, String> STAGING = Map.of("env", "staging", "tier", "db");
    private static final Map<String, String> DEV = Map.of("env", "dev");
    private static final Map<String, String> NO_ENV = Map.of("tier", "web");
    private static final Map<String, String> EMPTY_ENV = Map.of("env", "");
    private static final Map<String, String> NO_LABELS = Map.of();

    private static boolean matches(String selector, Map<String, String> labels) {
        return LabelSelector.parse(selector).matches(labels);
    }

    @Nested
    class Equality {

        @Test
        void singleEqualsMatchesOnlyTheSameValue() {
            assertThat(matches("env=prod", PROD)).isTrue();
            assertThat(matches("env=prod", STAGING)).isFalse();
        }

        @Test
        void doubleEqualsMeansTheSameAsSingleEquals() {
            assertThat(matches("env==prod", PROD)).isTrue();
            assertThat(matches("env==prod", STAGING)).isFalse();
            assertThat(matches("env==prod", NO_ENV)).isFalse();
        }

        @Test
        void equalsDoesNotMatchObjectsWithoutTheKey() {
            assertThat(matches("env=prod", NO_ENV)).isFalse();
            assertThat(matches("env=prod", NO_LABELS)).isFalse();
        }

        @Test
        void equalsIsCaseSensitive() {
            assertThat(matches("env=Prod", PROD)).isFalse();
        }

        @Test
        void equalsWithNothingAfterItMatchesTheEmptyValueOnly() {
            assertThat(matches("env=", EMPTY_ENV)).isTrue();
            assertThat(matches("env=", PROD)).isFalse();
            assertThat(matches("env=", NO_ENV)).isFalse();
        }

        @Test
        void notEqualsMatchesOtherValues() {
            assertThat(matches("env!=prod", STAGING)).isTrue();
            assertThat(matches("env!=prod", PROD)).isFalse();
        }

        @Test
        void notEqualsMatchesObjectsWithoutTheKey() {
            assertThat(matches("env!=prod", NO_ENV)).isTrue();
            assertThat(matches("env!=prod", NO_LABELS)).isTrue();
        }
    }

    @Nested
    class SetBased {

        @Test
        void inMatchesAnyListedValue() {
            assertThat(matches("env in (prod,staging)", PROD)).isTrue();
            assertThat(matches("env in (prod,staging)", STAGING)).isTrue();
            assertThat(matches("env in (prod,staging)", DEV)).isFalse();
        }

        @Test
        void inDoesNotMatchObjectsWithoutTheKey() {
            assertThat(matches("env in (prod,staging)", NO_ENV)).isFalse();
            assertThat(matches("env in (prod,staging)", NO_LABELS)).isFalse();
        }

        @Test
        void inWithASingleValueBehavesLikeEquals() {
            assertThat(matches("env in (prod)", PROD)).isTrue();
            assertThat(matches("env in (prod)", STAGING)).isFalse();
        }

        @Test
        void notinMatchesValuesOutsideTheSet() {
            assertThat(matches("env notin (dev,staging)", PROD)).isTrue();
            assertThat(matches("env notin (dev,staging)", DEV)).isFalse();
            assertThat(matches("env notin (dev,staging)", STAGING)).isFalse();
        }

        @Test
        void setBasedNotInMatchesObjectsWithoutTheKey() {
            assertThat(matches("env notin (dev)", NO_ENV)).isTrue();
            assertThat(matches("env notin (dev)", NO_LABELS)).isTrue();
        }

        @Test
        void setBasedInAcceptsNoSpaceBeforeTheParenthesis() {
            assertThat(matches("env in(prod)", PROD)).isTrue();
            assertThat(matches("env notin(prod)", PROD)).isFalse();
        }

        @Test
        void emptyParenthesesMeanTheEmptyValue() {
            // Kubernetes reads "()" as the set holding only the empty string.
            assertThat(matches("env in ()", EMPTY_ENV)).isTrue();
            assertThat(matches("env in ()", PROD)).isFalse();
        }

        @Test
        void bareKeyMatchesObjectsThatHaveTheKeyWithAnyValue() {
            assertThat(matches("env", PROD)).isTrue();
            assertThat(matches("env", EMPTY_ENV)).isTrue();
            assertThat(matches("env", NO_ENV)).isFalse();
            assertThat(matches("env", NO_LABELS)).isFalse();
        }

        @Test
        void bangKeyMatchesOnlyObjectsWithoutTheKey() {
            assertThat(matches("!env", NO_ENV)).isTrue();
            assertThat(matches("!env", NO_LABELS)).isTrue();
            assertThat(matches("!env", PROD)).isFalse();
            assertThat(matches("!env", EMPTY_ENV)).isFalse();
        }

        @Test
        void bangMayBeFollowedBySpaces() {
            assertThat(matches("! env", NO_ENV)).isTrue();
            assertThat(matches("! env", PROD)).isFalse();
        }
    }

    @Nested
    class Combined {

        @Test
        void allCommaSeparatedRequirementsMustHold() {
            LabelSelector selector = LabelSelector.parse("env=prod,tier=web");

            assertThat(selector.matches(PROD)).isTrue();
            assertThat(selector.matches(Map.of("env", "prod", "tier", "db"))).isFalse();
            assertThat(selector.matches(Map.of("env", "staging", "tier", "web"))).isFalse();
            assertThat(selector.matches(Map.of("env", "prod"))).isFalse();
        }

        @Test
        void commasInsideParenthesesDoNotSplitRequirements() {
            LabelSelector selector = LabelSelector.parse("env in (prod,staging),tier notin (cache),!legacy");

            assertThat(selector.matches(PROD)).isTrue();
            assertThat(selector.matches(STAGING)).isTrue();
            assertThat(selector.matches(Map.of("env", "prod", "tier", "cache"))).isFalse();
            assertThat(selector.matches(Map.of("env", "prod", "legacy", "true"))).isFalse();
            assertThat(selector.matches(DEV)).isFalse();
        }

        @Test
        void mixesEqualityExistenceAndSetRequirements() {
            LabelSelector selector = LabelSelector.parse("gpu,env!=dev,tier in (web,db)");

            assertThat(selector.matches(Map.of("gpu", "", "env", "prod", "tier", "web"))).isTrue();
            assertThat(selector.matches(Map.of("gpu", "a100", "tier", "db"))).isTrue();
            assertThat(selector.matches(Map.of("env", "prod", "tier", "web"))).isFalse();
            assertThat(selector.matches(Map.of("gpu", "a100", "env", "dev", "tier", "web"))).isFalse();
        }

        @Test
        void toleratesWhitespaceAroundOperatorsValuesAndCommas() {
            assertThat(matches("env in ( prod , staging )", STAGING)).isTrue();
            assertThat(matches("env in ( prod , staging )", DEV)).isFalse();
            assertThat(matches("  env = prod ,  tier  ==  web  ", PROD)).isTrue();
            assertThat(matches("env != prod", STAGING)).isTrue();
            assertThat(matches(" env notin ( dev ) , ! legacy ", PROD)).isTrue();
            assertThat(matches("\tenv\t", PROD)).isTrue();
        }

        @Test
        void acceptsPrefixedKeys() {
            Map<String, String> labels = Map.of("app.kubernetes.io/name", "web", "example.com/team", "core");

            assertThat(matches("app.kubernetes.io/name=web", labels)).isTrue();
            assertThat(matches("app.kubernetes.io/name=db", labels)).isFalse();
            assertThat(matches("app.kubernetes.io/name in (web,api),example.com/team", labels)).isTrue();
            assertThat(matches("!example.com/owner", labels)).isTrue();
            assertThat(matches("name=web", labels)).isFalse();
        }
    }

    @Nested
    class Everything {

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", " ", "\t \n"})
        void nullEmptyOrBlankSelectorSelectsEverything(String text) {
            LabelSelector selector = LabelSelector.parse(text);

            assertThat(selector.selectsEverything()).isTrue();
            assertThat(selector.matches(NO_LABELS)).isTrue();
            assertThat(selector.matches(PROD)).isTrue();
            assertThat(selector.toString()).isEmpty();
        }

        @Test
        void everythingConstantMatchesAnyLabels() {
            assertThat(LabelSelector.EVERYTHING.selectsEverything()).isTrue();
            assertThat(LabelSelector.EVERYTHING.matches(NO_LABELS)).isTrue();
            assertThat(LabelSelector.EVERYTHING.matches(DEV)).isTrue();
        }

        @Test
        void aSelectorWithRequirementsDoesNotSelectEverything() {
            assertThat(LabelSelector.parse("env").selectsEverything()).isFalse();
        }
    }

    @Nested
    class Text {

        @Test
        void toStringReturnsTheSelectorText() {
            assertThat(LabelSelector.parse("env in (prod,staging),!legacy").toString())
                    .isEqualTo("env in (prod,staging),!legacy");
        }

        @Test
        void toStringDropsSurroundingWhitespaceOnly() {
            assertThat(LabelSelector.parse("  env = prod , tier  ").toString()).isEqualTo("env = prod , tier");
        }
    }

    @Nested
    class ParseErrors {

        @Test
        void setOperatorWithoutParenthesesIsRejected() {
            assertThatThrownBy(() -> LabelSelector.parse("env in prod"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'env in prod'");
        }

        @Test
        void equalsWithoutAKeyIsRejected() {
            assertThatThrownBy(() -> LabelSelector.parse("=prod"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'=prod'");
        }

        @Test
        void keyWithASpaceIsRejectedNamingTheKeyRule() {
            assertThatThrownBy(() -> LabelSelector.parse("bad key=x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'bad key=x'")
                    .hasMessageContaining("label key name");
        }

        @Test
        void invalidValueIsRejectedNamingTheValueRule() {
            assertThatThrownBy(() -> LabelSelector.parse("env=a b"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'env=a b'")
                    .hasMessageContaining("label value");
        }

        @Test
        void invalidValueInsideASetIsRejected() {
            assertThatThrownBy(() -> LabelSelector.parse("env in (prod,-bad)"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'env in (prod,-bad)'")
                    .hasMessageContaining("label value");
        }

        @Test
        void valueOverSixtyThreeCharactersIsRejected() {
            assertThatThrownBy(() -> LabelSelector.parse("env=" + "v".repeat(64)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("label value");
        }

        @Test
        void emptyRequirementBetweenCommasIsRejected() {
            assertThatThrownBy(() -> LabelSelector.parse("env=prod,,tier=db"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty requirement");
        }

        @ParameterizedTest
        @ValueSource(strings = {"env=prod,", ",env=prod", "env=prod, ,tier=db"})
        void leadingTrailingOrBlankRequirementIsRejected(String text) {
            assertThatThrownBy(() -> LabelSelector.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty requirement");
        }

        @Test
        void unbalancedParenthesisIsRejected() {
            assertThatThrownBy(() -> LabelSelector.parse("env in (a,b"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'env in (a,b'")
                    .hasMessageContaining("parentheses");
        }

        @Test
        void unbalancedParenthesisInALaterRequirementIsRejected() {
            assertThatThrownBy(() -> LabelSelector.parse("tier=web,env in (a,b"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("parentheses");
        }

        @Test
        void bangWithoutAKeyIsRejected() {
            assertThatThrownBy(() -> LabelSelector.parse("!"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("label key must not be empty");
        }

        @Test
        void invalidPrefixIsRejected() {
            assertThatThrownBy(() -> LabelSelector.parse("Example.com/name=web"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("prefix");
        }
    }

    @org.junit.jupiter.api.Test
    void trailingCommaInASetAddsTheEmptyValueAsKubernetesDoes() {
        org.assertj.core.api.Assertions.assertThat(matches("env in (a,)", Map.of("env", ""))).isTrue();
        org.assertj.core.api.Assertions.assertThat(matches("env in (a,)", Map.of("env", "b"))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void setOperatorWithoutParenthesesSaysParenthesesAreNeeded() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabelSelector.parse("env in prod"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parentheses");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabelSelector.parse("env notin prod"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parentheses");
    }

    @org.junit.jupiter.api.Test
    void equalityWithoutAKeySaysTheKeyIsMissing() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabelSelector.parse("=prod"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key is missing");
    }
}
