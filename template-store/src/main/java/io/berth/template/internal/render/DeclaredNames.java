package io.berth.template.internal.render;

import io.berth.template.internal.params.BuiltInParameters;
import io.berth.template.internal.params.Lookup;
import io.berth.template.internal.params.ParameterSchema;
import io.berth.template.internal.params.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A value source for checking a template without values: a name declared in the schema or
 * built-in resolves to a stand-in string, any other name is unknown.
 */
public final class DeclaredNames implements ValueSource {

    private final ParameterSchema schema;

    public DeclaredNames(ParameterSchema schema) {
        this.schema = schema;
    }

    @Override
    public Lookup lookup(String name) {
        boolean declared = BuiltInParameters.isReserved(name)
                ? BuiltInParameters.isBuiltInName(name)
                : schema.declares(name);
        return declared ? Lookup.value(JsonNodeFactory.instance.stringNode("x"), true) : Lookup.unknown();
    }
}
