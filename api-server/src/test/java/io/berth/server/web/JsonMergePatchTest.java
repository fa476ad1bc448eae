package io.berth.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonMergePatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every example of RFC 7386, Appendix A: original, patch, result. */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"a\":\"b\"}                | {\"a\":\"c\"}                 | {\"a\":\"c\"}",
            "{\"a\":\"b\"}                | {\"b\":\"c\"}                 | {\"a\":\"b\",\"b\":\"c\"}",
            "{\"a\":\"b\"}                | {\"a\":null}                  | {}",
            "{\"a\":\"b\",\"b\":\"c\"}    | {\"a\":null}                  | {\"b\":\"c\"}",
            "{\"a\":[\"b\"]}              | {\"a\":\"c\"}                 | {\"a\":\"c\"}",
            "{\"a\":\"c\"}                | {\"a\":[\"b\"]}               | {\"a\":[\"b\"]}",
            "{\"a\":{\"b\":\"c\"}}        | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
            "{\"a\":[{\"b\":\"c\"}]}      | {\"a\":[1]}                   | {\"a\":[1]}",
            "[\"a\",\"b\"]                | [\"c\",\"d\"]                 | [\"c\",\"d\"]",
            "{\"a\":\"b\"}                | [\"c\"]                       | [\"c\"]",
            "{\"a\":\"foo\"}              | null                          | null",
            "{\"a\":\"foo\"}              | \"bar\"                       | \"bar\"",
            "{\"e\":null}                 | {\"a\":1}                     | {\"e\":null,\"a\":1}",
            "[1,2]                        | {\"a\":\"b\",\"c\":null}      | {\"a\":\"b\"}",
            "{}                           | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}",
    })
    void appliesEveryExampleOfTheRfc(String original, String patch, String result) {
        assertThat(JsonMergePatch.apply(JSON.readTree(original), JSON.readTree(patch))).isEqualTo(JSON.readTree(result));
    }

    @Test
    void mergesTheRfcsExampleDocumentKeyByKeyAtEveryDepth() {
        JsonNode target = JSON.readTree("""
                {"title": "Goodbye!", "author": {"givenName": "John", "familyName": "Doe"},
                 "tags": ["example", "sample"], "content": "This will be unchanged"}""");
        JsonNode patch = JSON.readTree("""
                {"title": "Hello!", "phoneNumber": "+01-123-456-7890", "author": {"familyName": null}, "tags": ["example"]}""");

        assertThat(JsonMergePatch.apply(target, patch)).isEqualTo(JSON.readTree("""
                {"title": "Hello!", "author": {"givenName": "John"}, "tags": ["example"],
                 "content": "This will be unchanged", "phoneNumber": "+01-123-456-7890"}"""));
    }

    @Test
    void leavesTargetAndPatchUntouched() {
        JsonNode target = JSON.readTree("{\"values\":{\"image\":\"nginx:1.27\",\"replicas\":5}}");
        JsonNode patch = JSON.readTree("{\"values\":{\"image\":\"nginx:1.28\",\"replicas\":null,\"extra\":{\"x\":null}}}");
        String targetBefore = target.toString();
        String patchBefore = patch.toString();

        JsonNode merged = JsonMergePatch.apply(target, patch);

        assertThat(merged).isEqualTo(JSON.readTree("{\"values\":{\"image\":\"nginx:1.28\",\"extra\":{}}}"));
        assertThat(target.toString()).isEqualTo(targetBefore);
        assertThat(patch.toString()).isEqualTo(patchBefore);
    }

    @Test
    void anAbsentTargetIsNoValueAndNullsInsideAnArrayAreKept() {
        JsonNode patch = JSON.readTree("{\"a\":[null,{\"b\":null}],\"c\":{\"d\":null}}");

        assertThat(JsonMergePatch.apply(null, patch)).isEqualTo(JSON.readTree("{\"a\":[null,{\"b\":null}],\"c\":{}}"));
    }

    @Test
    void numbersAreCopiedExactly() {
        JsonMapper exact = JsonMapper.builder()
                .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        JsonNode merged = JsonMergePatch.apply(exact.readTree("{\"a\":1}"),
                exact.readTree("{\"big\":12345678901234567890123,\"fine\":0.1000000000000000000000001}"));

        assertThat(merged.get("big").bigIntegerValue()).hasToString("12345678901234567890123");
        assertThat(merged.get("fine").decimalValue()).hasToString("0.1000000000000000000000001");
    }
}
