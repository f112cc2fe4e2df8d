package com.cerby.scimtoken.common.web;

import static com.fasterxml.jackson.databind.cfg.CoercionAction.Fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON is read as the contract writes it: enumerated values only in their snake_case spelling ({@code push},
 * {@code manage_factors}, written the same way), and no scalar taken for another type: a number is not a string,
 * {@code 1.5} and {@code "3600"} are not integers, {@code "true"} is not a boolean, an index is not an enum value.
 * A member of the wrong type is a 400 {@code validation_failed} that names it.
 */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.setEnumNamingStrategy(EnumNamingStrategies.SnakeCaseStrategy.INSTANCE);
        mapper.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, Fail)
                .setCoercion(CoercionInputShape.Float, Fail)
                .setCoercion(CoercionInputShape.Boolean, Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, Fail)
                .setCoercion(CoercionInputShape.Float, Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, Fail)
                .setCoercion(CoercionInputShape.Integer, Fail);
    }
}
