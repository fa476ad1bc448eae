package io.berth.template.internal.render;

import io.berth.template.internal.params.BuiltInParameters;
import io.berth.template.internal.params.Lookup;
import io.berth.template.internal.params.ParameterSchema;
import io.berth.template.internal.params.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A value source for checking a template without values: a name declared in the schema or
 * built-in resolves to a stand-in string, any other name is unknown. {@code berth.backup.*} names are
 * known only in the templates of a backup declaration.
 */
public final class DeclaredNames implements ValueSource {

    private final ParameterSchema schema;

    private final boolean backupNames;

    public DeclaredNames(ParameterSchema schema) {
        this(schema, false);
    }

    public DeclaredNames(ParameterSchema schema, boolean backupNames) {
        this.schema = schema;
        this.backupNames = backupNames;
    }

    @Override
    public Lookup lookup(String name) {
        boolean declared = BuiltInParameters.isReserved(name)
                ? BuiltInParameters.isBuiltInName(name) || backupNames && BuiltInParameters.isBackupName(name)
                : schema.declares(name);
        return declared ? Lookup.value(JsonNodeFactory.instance.stringNode("x"), true) : Lookup.unknown();
    }
}
