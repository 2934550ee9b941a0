package org.optline.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SQL of one store, kept in a {@code .sql} file beside it as named blocks
 * ({@code -- name: find-client}). Loaded once, when the store is constructed. Asking for a name the
 * file lacks fails loudly at that call; {@code NamedSqlNamesTest} checks every name the sources ask
 * for against its file on each build, so a store names each statement only where it uses it.
 */
public final class NamedSql {

    private static final String MARKER = "-- name:";

    private final String source;
    private final Map<String, String> statements;

    private NamedSql(String source, Map<String, String> statements) {
        this.source = source;
        this.statements = statements;
    }

    /** Loads {@code <SimpleName>.sql} from the package of {@code owner}. */
    public static NamedSql forClass(Class<?> owner) {
        String resource = owner.getSimpleName() + ".sql";
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL file not found beside " + owner.getName() + ": " + resource);
            }
            return parse(owner.getPackageName() + "/" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }

    static NamedSql parse(String source, String text) {
        Map<String, String> statements = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            if (line.startsWith(MARKER)) {
                put(statements, source, name, body);
                name = line.substring(MARKER.length()).trim();
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        put(statements, source, name, body);
        return new NamedSql(source, Map.copyOf(statements));
    }

    private static void put(Map<String, String> statements, String source, String name, StringBuilder body) {
        if (name == null) {
            return;
        }
        if (statements.put(name, body.toString().trim()) != null) {
            throw new IllegalStateException("Duplicate SQL name '" + name + "' in " + source);
        }
    }

    /** The statement with this name; fails loudly when the file lacks it. */
    public String get(String name) {
        String sql = statements.get(name);
        if (sql == null || sql.isEmpty()) {
            throw new IllegalStateException("No SQL named '" + name + "' in " + source);
        }
        return sql;
    }
}
