package dev.hakobu.config;

import java.util.List;

/** All {@link TypeBinding}s known to a process, by family and name. */
public final class TypeRegistry {

    public static TypeRegistry fromClasspath() {
        throw new UnsupportedOperationException("TODO: implement");
    }

    public static TypeRegistry of(List<TypeBinding> bindings) {
        throw new UnsupportedOperationException("TODO: implement");
    }
}
