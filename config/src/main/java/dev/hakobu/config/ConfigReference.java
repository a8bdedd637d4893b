package dev.hakobu.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The config reference as Markdown, generated from the records themselves (keys, types, defaults and
 * {@link Doc} texts), so the documentation cannot drift from what the loader accepts.
 */
public final class ConfigReference {
    private final TypeRegistry registry;
    private final StringBuilder out = new StringBuilder();
    private final Set<Class<?>> done = new LinkedHashSet<>();

    private ConfigReference(TypeRegistry registry) {
        this.registry = registry;
    }

    /** One section per record reachable from {@code roots}, polymorphic families expanded per {@code type}. */
    public static String markdown(TypeRegistry registry, List<Class<? extends Record>> roots) {
        ConfigReference ref = new ConfigReference(registry);
        for (Class<? extends Record> root : roots) {
            ref.section(root, root.getSimpleName());
        }
        return ref.out.toString();
    }

    @SuppressWarnings("unchecked")
    private void section(Class<? extends Record> type, String title) {
        if (!done.add(type)) {
            return;
        }
        out.append("## ").append(title).append("\n\n");
        Doc doc = type.getAnnotation(Doc.class);
        if (doc != null) {
            out.append(doc.value()).append("\n\n");
        }
        if (type.getRecordComponents().length == 0) {
            out.append("No keys (besides `type:` where one picks it).\n\n");
            return;
        }
        out.append("| key | type | default | meaning |\n|---|---|---|---|\n");
        List<Class<? extends Record>> nested = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Default def = c.getAnnotation(Default.class);
            Doc d = c.getAnnotation(Doc.class);
            Range range = c.getAnnotation(Range.class);
            String meaning =
                    (d == null ? "" : d.value())
                            + (range == null ? "" : " (" + bounds(range) + ")");
            out.append("| `")
                    .append(Names.key(c))
                    .append("` | ")
                    .append(typeName(c.getGenericType(), nested))
                    .append(" | ")
                    .append(
                            def == null
                                    ? (required(c) ? "**required**" : "")
                                    : "`" + def.value() + "`")
                    .append(" | ")
                    .append(meaning.replace("|", "\\|"))
                    .append(" |\n");
        }
        out.append('\n');
        for (Class<? extends Record> n : nested) {
            section(n, n.getSimpleName());
        }
    }

    /** As the loader decides: a key is required unless it has a default, is a container, or is a record of defaults. */
    private static boolean required(RecordComponent c) {
        if (c.getAnnotation(Default.class) != null) {
            return false;
        }
        Class<?> raw = c.getType();
        if (raw == java.util.Optional.class || raw == List.class || raw == java.util.Map.class) {
            return false;
        }
        if (raw.isRecord() && raw != DataSize.class) {
            for (RecordComponent inner : raw.getRecordComponents()) {
                if (required(inner)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static String bounds(Range r) {
        return r.max() == Long.MAX_VALUE
                ? ">= " + r.min()
                : r.min() == Long.MIN_VALUE ? "<= " + r.max() : r.min() + "..." + r.max();
    }

    @SuppressWarnings("unchecked")
    private String typeName(Type t, List<Class<? extends Record>> nested) {
        if (t instanceof ParameterizedType p) {
            String raw = ((Class<?>) p.getRawType()).getSimpleName();
            Type[] args = p.getActualTypeArguments();
            String inner = typeName(args[args.length - 1], nested);
            return switch (raw) {
                case "Optional" -> inner + " (optional)";
                case "List" -> "list of " + inner;
                case "Map" -> "map of name to " + inner;
                default -> raw;
            };
        }
        Class<?> c = (Class<?>) t;
        if (c.isRecord() && c != DataSize.class) {
            nested.add((Class<? extends Record>) c);
            return "[" + c.getSimpleName() + "](#" + c.getSimpleName().toLowerCase() + ")";
        }
        if (c.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object v : c.getEnumConstants()) {
                values.add(((Enum<?>) v).name().toLowerCase());
            }
            return String.join(" \\| ", values);
        }
        if (registry.isFamily(c)) {
            List<String> types = new ArrayList<>();
            for (TypeBinding b : registry.bindingsOf(c)) {
                types.add("[" + b.name() + "](#" + b.config().getSimpleName().toLowerCase() + ")");
                nested.add(b.config());
            }
            return "one of " + String.join(", ", types) + " (by `type:`)";
        }
        return switch (c.getSimpleName()) {
            case "String" -> "string";
            case "int", "Integer", "long", "Long" -> "integer";
            case "double", "Double" -> "number";
            case "boolean", "Boolean" -> "boolean";
            case "Duration" -> "duration (`500ms`, `5s`, `1m`)";
            case "DataSize" -> "size (`64KiB`, `8MiB`)";
            case "ZoneId" -> "time zone (`UTC`, `Asia/Tokyo`)";
            case "Path" -> "path";
            case "Pattern" -> "regular expression";
            default -> c.getSimpleName();
        };
    }
}
