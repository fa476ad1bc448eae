package io.berth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.server.web.ApiException;
import io.berth.server.web.FieldProblem;
import io.berth.server.web.ProblemType;
import io.berth.server.web.RequestBodyProblems;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The strict mapper Berth configures, and how {@link RequestBodyProblems} words what it refuses. */
class StrictJsonTest {

    private static final JsonMapper JSON = strictMapper();

    enum Role { viewer, operator, admin }

    record Target(String cluster, String namespace) {
    }

    record Body(Integer replicas, String workload, List<String> clusters, @JsonProperty("wait") Boolean waitForReady,
                Role role, Instant expiresAt, Long big, Map<String, Object> values, Map<String, String> labels,
                List<Target> targets) {
    }

    @Test
    void anUnknownFieldIsNamedWithTheFieldsThatExistThere() {
        ApiException problem = refused("{\"replicas\":2,\"clustrs\":[\"sim-9\"]}");

        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_REQUEST);
        assertThat(problem.getMessage()).isEqualTo("The request body has an unknown field 'clustrs'");
        assertThat(problem.errors()).containsExactly(new FieldProblem("clustrs", "unknown field; the fields here are "
                + "big, clusters, expiresAt, labels, replicas, role, targets, values, wait, workload"));
        assertThat(refused("{\"targets\":[{\"cluster\":\"a\"},{\"cluster\":\"b\",\"namespce\":\"web\"}]}").errors())
                .containsExactly(new FieldProblem("targets[1].namespce", "unknown field; the fields here are cluster, namespace"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"replicas\":1,\"replicas\":2}                              | replicas",
            "{\"values\":{\"resources\":{\"cpu\":1,\"cpu\":2}}}              | values.resources.cpu",
            "{\"targets\":[{\"cluster\":\"a\"},{\"cluster\":\"b\",\"cluster\":\"c\"}]} | targets[1].cluster",
            "{\"values\":{\"list\":[{\"a\":1,\"a\":1}]}}                    | values.list[0].a",
    })
    void aKeyGivenTwiceIsNamedAtAnyDepthInFreeFormMapsToo(String json, String field) {
        ApiException problem = refused(json);

        assertThat(problem.errors()).containsExactly(
                new FieldProblem(field, "given twice: a key may appear only once in an object"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"replicas\":\"3\"}                | replicas    | must be an integer",
            "{\"replicas\":3.5}                  | replicas    | must be an integer",
            "{\"replicas\":3.0}                  | replicas    | must be an integer",
            "{\"replicas\":1e2}                  | replicas    | must be an integer",
            "{\"replicas\":\"\"}                 | replicas    | must be an integer",
            "{\"replicas\":true}                 | replicas    | must be an integer",
            "{\"workload\":12}                   | workload    | must be a string",
            "{\"workload\":1.5}                  | workload    | must be a string",
            "{\"workload\":true}                 | workload    | must be a string",
            "{\"workload\":[\"a\"]}              | workload    | must be a string",
            "{\"wait\":1}                        | wait        | must be true or false",
            "{\"wait\":\"true\"}                 | wait        | must be true or false",
            "{\"clusters\":\"sim-9\"}            | clusters    | must be an array",
            "{\"clusters\":[1]}                  | clusters[0] | must be a string",
            "{\"role\":1}                        | role        | must be one of viewer, operator, admin",
            "{\"role\":\"Admin\"}                | role        | must be one of viewer, operator, admin",
            "{\"expiresAt\":1893456000}          | expiresAt   | must be a date-time string as RFC 3339 writes it",
            "{\"expiresAt\":\"1893456000\"}      | expiresAt   | must be a date-time string as RFC 3339 writes it",
            "{\"expiresAt\":\"2030-01-01\"}      | expiresAt   | must be a date-time string as RFC 3339 writes it",
            "{\"expiresAt\":\"2030-01-01T00:00:00\"} | expiresAt | must be a date-time string as RFC 3339 writes it",
            "{\"labels\":{\"tier\":1}}           | labels.tier | must be a string",
            "{\"labels\":[\"tier\"]}             | labels      | must be an object",
            "{\"values\":\"replicas=3\"}         | values      | must be an object",
            "{\"targets\":[{\"namespace\":5}]}   | targets[0].namespace | must be a string",
    })
    void aValueOfAnotherJsonTypeIsNeverConverted(String json, String field, String message) {
        ApiException problem = refused(json);

        assertThat(problem.errors()).hasSize(1);
        assertThat(problem.errors().get(0).field()).isEqualTo(field);
        assertThat(problem.errors().get(0).message()).startsWith(message);
        assertThat(problem.getMessage()).isEqualTo("Field '" + field + "' has the wrong JSON type");
    }

    @Test
    void aNumberOutOfItsFieldsRangeIsRefusedWithTheRange() {
        assertThat(refused("{\"replicas\":12345678901234567890123}").errors()).containsExactly(
                new FieldProblem("replicas", "out of range: an integer from -2147483648 to 2147483647"));
        assertThat(refused("{\"big\":9223372036854775808}").errors()).containsExactly(
                new FieldProblem("big", "out of range: an integer from -9223372036854775808 to 9223372036854775807"));
    }

    @Test
    void aTimeIsReadFromAnRfc3339StringWithAnyOffset() {
        assertThat(JSON.readValue("{\"expiresAt\":\"2030-01-01T02:00:00.5+02:00\"}", Body.class).expiresAt())
                .isEqualTo(Instant.parse("2030-01-01T00:00:00.5Z"));
        assertThat(JSON.readValue("{\"expiresAt\":\"2030-01-01T00:00:00Z\"}", Body.class).expiresAt())
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void numbersInFreeFormMapsAreKeptExactly() {
        Map<String, Object> values = JSON.readValue("{\"values\":{\"small\":3,\"long\":12345678901,"
                + "\"big\":12345678901234567890123,\"fine\":0.1000000000000000000000001,\"huge\":1e400}}", Body.class).values();

        assertThat(values.get("small")).isEqualTo(3);
        assertThat(values.get("long")).isEqualTo(12345678901L);
        assertThat(values.get("big")).isEqualTo(new BigInteger("12345678901234567890123"));
        assertThat(values.get("fine")).isEqualTo(new BigDecimal("0.1000000000000000000000001"));
        assertThat(values.get("huge")).isEqualTo(new BigDecimal("1e400"));
        assertThat(JSON.writeValueAsString(values)).contains("12345678901234567890123", "0.1000000000000000000000001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"replicas\":2} {\"replicas\":3}", "{\"replicas\":2} 5", "{\"replicas\":2} x"})
    void anythingAfterTheDocumentIsRefused(String json) {
        ApiException problem = refused(json);

        assertThat(problem.getMessage()).contains("goes on after the JSON document");
        assertThat(problem.errors()).isEmpty();
    }

    @Test
    void aSyntaxErrorSaysWhereAndABodyThatIsNoObjectSaysSo() {
        assertThat(refused("{\n  \"replicas\": 2,\n  \"wait\": tru\n}").getMessage())
                .matches("The request body is not valid JSON \\(line 3, column \\d+\\)");
        assertThat(refused("[{\"replicas\":2}]").getMessage()).contains("must be a JSON object");
    }

    @Test
    void noProblemQuotesAValueFromTheBody() {
        for (String json : List.of("{\"workload\":\"kubeconfig-secret\",\"clustrs\":1}", "{\"replicas\":\"kubeconfig-secret\"}",
                "{\"role\":\"kubeconfig-secret\"}", "{\"expiresAt\":\"kubeconfig-secret\"}",
                "{\"workload\":\"kubeconfig-secret\" x")) {
            ApiException problem = refused(json);
            assertThat(problem.getMessage() + problem.errors()).as(json).doesNotContain("kubeconfig-secret")
                    .doesNotContain("java.").doesNotContain("Jackson").doesNotContain("StrictJsonTest");
        }
    }

    private static ApiException refused(String json) {
        JacksonException refused = catchThrowableOfType(JacksonException.class, () -> JSON.readValue(json, Body.class));
        assertThat(refused).as(json).isNotNull();
        return RequestBodyProblems.of(refused);
    }

    private static JsonMapper strictMapper() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new JsonConfiguration().strictReading().customize(builder);
        return builder.build();
    }
}
