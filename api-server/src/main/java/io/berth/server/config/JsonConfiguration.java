package io.berth.server.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The one JSON mapper of Berth (Spring Boot's, used by Spring MVC for every request and response
 * body and by the stores for their JSON columns), made strict for reading. What a client sends is
 * read as written or refused with a 400, never guessed at:
 * <ul>
 *   <li>a field no body has, and a key given twice (at any depth, in free-form maps too);</li>
 *   <li>a value of another JSON type than the field's: {@code "3"} or {@code 3.5} or {@code 3.0} for an
 *       integer, a number or boolean for a string, a number or string for a boolean, a string for an
 *       array, a number for an enum, a number or a digit string for a date-time (RFC 3339 strings only);</li>
 *   <li>a number out of its field's range, and anything after the JSON document.</li>
 * </ul>
 * Numbers in free-form maps ({@code values}, schemas, defaults) are kept exactly: integers as
 * Integer, Long or BigInteger as they need, decimals as BigDecimal (never rounded to a double).
 * They are stored as written in PostgreSQL's jsonb and rendered with all their digits; whether a
 * number fits where it goes is the template schema's and the cluster's to say.
 *
 * <p>The stores read their JSON columns with the same mapper, so with the same strictness: a record
 * that loses a field needs a migration of the rows that have it. {@code RequestBodyProblems} turns
 * what this mapper refuses into Berth's 400.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictReading() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new SimpleModule("berth-rfc3339").addDeserializer(Instant.class, new Rfc3339Instant()));
    }

    /**
     * Reads an {@link Instant} from an RFC 3339 date-time string only ({@code 2026-01-31T12:00:00Z},
     * any offset, optional fraction). Jackson's own also takes epoch numbers and digit strings.
     */
    static final class Rfc3339Instant extends StdScalarDeserializer<Instant> {

        Rfc3339Instant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getString();
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException notRfc3339) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an RFC 3339 date-time");
            }
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }
}
