package io.berth.template.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;

import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

class ParserMessagesTest {

    private static String yaml(String text) {
        return ParserMessages.describe(catchThrowableOfType(JacksonException.class, () -> Mappers.yaml().readTree(text)));
    }

    private static String json(String text) {
        return ParserMessages.describe(catchThrowableOfType(JacksonException.class, () -> Mappers.json().readTree(text)));
    }

    private static void assertBerthsWords(String message) {
        assertThat(message).isNotBlank()
                .doesNotContain("StreamReadConstraints").doesNotContain("getMax").doesNotContain("Feature")
                .doesNotContain("`").doesNotContain("[Source").doesNotContain("java.").doesNotContain("jackson")
                .doesNotContain("\n");
    }

    @Test
    void nestingDeeperThanTheLimitIsSaidInBerthsWords() {
        StringBuilder deep = new StringBuilder("a:\n");
        for (int level = 1; level <= 600; level++) {
            deep.append("  ".repeat(level)).append("k:\n");
        }

        String message = yaml(deep.toString());

        assertThat(message).isEqualTo("nested deeper than 500 levels");
        assertThat(json("[".repeat(600) + "]".repeat(600))).isEqualTo("nested deeper than 500 levels");
    }

    @Test
    void longNumbersKeysAndDocumentsAreSaidInBerthsWords() {
        assertThat(yaml("a: " + "1".repeat(1200))).isEqualTo("a number is longer than 1000 characters");
        assertThat(json("{\"" + "k".repeat(60_000) + "\":1}")).isEqualTo("a key is longer than 50000 characters");
    }

    @Test
    void aDocumentOverTheYamlEnginesLengthIsSaidInBerthsWords() {
        // the engine's limit is 3 MiB characters by default; a small one here keeps the test fast
        YAMLMapper small = YAMLMapper.builder(YAMLFactory.builder()
                .loadSettings(LoadSettings.builder().setCodePointLimit(100).build()).build()).build();

        String message = ParserMessages.describe(catchThrowableOfType(JacksonException.class,
                () -> small.readTree("a: " + "x".repeat(200))));

        assertThat(message).isEqualTo("the text is longer than 100 characters");
    }

    @Test
    void parserHintsAboutItsOwnFeaturesAndSourcesAreLeftOut() {
        String nan = json("{\"a\": NaN}");
        String comment = json("{\"a\": 1 /* why */}");
        String unclosed = json("{\"a\": [1, 2");
        String badFloat = yaml("a: !!float x\n");

        assertThat(nan).isEqualTo("Non-standard token 'NaN'");
        assertThat(comment).startsWith("Unexpected character ('/' (code 47)): maybe a (non-standard) comment?");
        assertThat(unclosed).isEqualTo("Unexpected end-of-input: expected close marker for Array");
        assertThat(badFloat).startsWith("Malformed numeric value");
        for (String message : new String[] {nan, comment, unclosed, badFloat}) {
            assertBerthsWords(message);
        }
    }

    @Test
    void yamlSyntaxErrorsKeepTheParsersWordsWithoutExcerpts() {
        String message = yaml("a: [1, 2\n");

        assertThat(message).isEqualTo("while parsing a flow sequence; expected ',' or ']', but got <stream end>");
        assertBerthsWords(message);
    }
}
