package dev.hakobu.config;

/**
 * Says that a mapping with {@code type: name}, where a {@code family} is expected, binds to {@code config}.
 * {@code config} must be a record implementing {@code family}.
 */
public record TypeBinding(Class<?> family, String name, Class<? extends Record> config) {
    public TypeBinding {
        if (!family.isAssignableFrom(config)) {
            throw new IllegalArgumentException(
                    config.getName() + " does not implement " + family.getName());
        }
    }
}
