package org.optline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.optline.platform.NamedSql;

/**
 * Every statement name a class asks its {@link NamedSql} for exists in that class's {@code .sql}
 * file, and every statement in the file is asked for. Stores therefore do not list their names a
 * second time to fail at start-up: a misspelt or removed name fails this test, on every build,
 * naming the file and the line.
 *
 * <p>The check reads the sources under {@code src/main/java}. A name must be written as a literal,
 * {@code sql.get("find")}, or a choice between literals, {@code sql.get(after == null ? "first" :
 * "next")}; a name built at run time cannot be checked and fails the test. A string literal that
 * starts a statement ({@code "select …"}, {@code "insert into …"}) fails it too: statements live
 * in the files, where this test sees them (the segment compiler, which writes SQL, excepted).
 */
class NamedSqlNamesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern OWNER = Pattern.compile("NamedSql\\.forClass\\(\\s*(\\w+)\\.class\\s*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\bNamedSql\\s+(\\w+)\\s*[=;]");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** A literal, or {@code condition ? literal : literal} (literals already replaced by {@code L}). */
    private static final Pattern CHECKABLE = Pattern.compile("\\s*L\\s*|[^\"?:]+\\?\\s*L\\s*:\\s*L\\s*");

    @Test
    void everyNameAStoreAsksForIsInItsSqlFile() throws IOException {
        Map<Class<?>, List<Located>> used = namesUsed();
        List<String> problems = new ArrayList<>();
        int names = 0;
        for (var owner : used.entrySet()) {
            NamedSql sql = NamedSql.forClass(owner.getKey());
            for (Located use : owner.getValue()) {
                if (use.name() == null) {
                    problems.add(use.where() + ": the name is not a literal: " + use.argument());
                    continue;
                }
                names++;
                try {
                    sql.get(use.name());
                } catch (IllegalStateException e) {
                    problems.add(use.where() + ": " + e.getMessage());
                }
            }
        }
        assertThat(problems).as("statement names used but missing from their .sql file").isEmpty();
        // Guards the scan itself: had the patterns stopped matching, nothing would be checked.
        assertThat(used).as("classes reading named SQL").hasSizeGreaterThanOrEqualTo(20);
        assertThat(names).as("statement names checked").isGreaterThanOrEqualTo(200);
    }

    @Test
    void everyStatementInASqlFileIsUsed() throws IOException {
        List<String> unused = new ArrayList<>();
        for (var owner : namesUsed().entrySet()) {
            Set<String> names = owner.getValue().stream().map(Located::name).collect(Collectors.toSet());
            for (String declared : declaredNames(owner.getKey())) {
                if (!names.contains(declared)) {
                    unused.add(owner.getKey().getSimpleName() + ".sql: " + declared);
                }
            }
        }
        assertThat(unused).as("statements no class asks for").isEmpty();
    }

    /** A string literal that starts a statement. */
    private static final Pattern STATEMENT = Pattern.compile(
            "\"\\s*(select|insert\\s+into|update\\s+\\w+\\s+set|delete\\s+from|with\\s+\\w+\\s+as)\\b", Pattern.CASE_INSENSITIVE);
    /**
     * The compiler of the segment language, its per-field parts and the condition providers of
     * other modules: their output is SQL built in Java from the parsed expression, by design.
     */
    private static final List<Path> COMPILER = List.of(SOURCES.resolve("org/optline/segment/sql/SegmentCompiler.java"),
            SOURCES.resolve("org/optline/segment/sql/FieldConditions.java"),
            SOURCES.resolve("org/optline/analytics/segments/EngagementConditions.java"));

    @Test
    void statementsLiveInSqlFilesNotInJava() throws IOException {
        List<String> inJava = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (COMPILER.contains(file)) {
                continue;
            }
            String source = Files.readString(file, StandardCharsets.UTF_8);
            Matcher statement = STATEMENT.matcher(source);
            while (statement.find()) {
                inJava.add(file + ":" + lineOf(source, statement.start()));
            }
        }
        assertThat(inJava).as("SQL statements written in Java instead of a .sql file").isEmpty();
        assertThat(STATEMENT.matcher("jdbc.sql(\"select count(*) from t\")").find()).isTrue();
    }

    @Test
    void theScanReadsLiteralsAndChoicesBetweenThem() {
        String source = """
                class ListStore {
                    private final NamedSql sql = NamedSql.forClass(ListStore.class);
                    void a() { jdbc.sql(sql.get("find")).query(); }
                    void b(Object after) {
                        jdbc.sql(sql.get(after == null ? "first-page" : "next-page"));
                    }
                    void c(String kind) { jdbc.sql(sql.get("by-" + kind)); }
                    void d(java.util.function.Supplier<String> other) { other.get(); }
                }
                """;
        List<Use> uses = uses(source);
        assertThat(uses).extracting(Use::names)
                .containsExactly(List.of("find"), List.of("first-page", "next-page"), List.of());
        assertThat(uses).extracting(Use::line).containsExactly(3, 5, 7);
    }

    /** One call of {@code get} on a {@link NamedSql}: its line, its argument and the names in it. */
    record Use(int line, String argument, List<String> names) {}

    static List<Use> uses(String source) {
        Set<String> variables = new LinkedHashSet<>();
        Matcher declared = VARIABLE.matcher(source);
        while (declared.find()) {
            variables.add(declared.group(1));
        }
        List<Use> uses = new ArrayList<>();
        for (String variable : variables) {
            Matcher call = Pattern.compile("\\b" + Pattern.quote(variable) + "\\.get\\(").matcher(source);
            while (call.find()) {
                String argument = argument(source, call.end());
                uses.add(new Use(lineOf(source, call.start()), argument.strip(), names(argument)));
            }
        }
        uses.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return uses;
    }

    /** The text up to the parenthesis that closes the call, skipping string literals. */
    private static String argument(String source, int from) {
        int depth = 1;
        boolean inString = false;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return source.substring(from, i);
            }
        }
        throw new IllegalStateException("Unclosed call at offset " + from);
    }

    /** The names a checkable argument can take; none when it is computed. */
    private static List<String> names(String argument) {
        List<String> names = new ArrayList<>();
        Matcher literal = LITERAL.matcher(argument);
        while (literal.find()) {
            names.add(literal.group(1));
        }
        return CHECKABLE.matcher(LITERAL.matcher(argument).replaceAll("L")).matches() ? names : List.of();
    }

    /** A name used in a source file, or null when the argument is computed. */
    record Located(String where, String argument, String name) {}

    /** Every use of a {@link NamedSql} under src/main/java, by the class whose file it reads. */
    private static Map<Class<?>, List<Located>> namesUsed() throws IOException {
        Map<Class<?>, List<Located>> used = new LinkedHashMap<>();
        for (Path file : javaFiles()) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            Matcher owner = OWNER.matcher(source);
            if (!owner.find()) {
                continue;
            }
            List<Located> located = used.computeIfAbsent(ownerClass(source, owner.group(1)), c -> new ArrayList<>());
            for (Use use : uses(source)) {
                String where = file + ":" + use.line();
                if (use.names().isEmpty()) {
                    located.add(new Located(where, use.argument(), null));
                }
                use.names().forEach(name -> located.add(new Located(where, use.argument(), name)));
            }
        }
        return used;
    }

    /** The names the {@code -- name:} markers of the class's .sql file declare. */
    private static List<String> declaredNames(Class<?> owner) throws IOException {
        try (var in = owner.getResourceAsStream(owner.getSimpleName() + ".sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Pattern.compile("^-- name:(.*)$", Pattern.MULTILINE).matcher(text).results()
                    .map(m -> m.group(1).trim()).toList();
        }
    }

    private static int lineOf(String source, int offset) {
        return (int) source.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    private static Class<?> ownerClass(String source, String simpleName) {
        Matcher pkg = PACKAGE.matcher(source);
        String name = (pkg.find() ? pkg.group(1) + "." : "") + simpleName;
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("NamedSql.forClass names a class outside its own package: " + name, e);
        }
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            return paths.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
