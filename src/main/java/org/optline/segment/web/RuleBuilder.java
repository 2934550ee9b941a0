package org.optline.segment.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;

/**
 * The rule builder's state, read from and written to plain form fields
 * ({@code g0.join}, {@code g0.c1.field}, {@code g0.c1.op}, {@code g0.c1.value}), so it works as an
 * ordinary form without JavaScript and with htmx re-rendering it on every change. It writes the
 * same expression the text mode takes: groups of conditions joined by and/or. {@link ExpressionRows}
 * reads an expression back into rows when it has this shape.
 */
public final class RuleBuilder {

    private static final Pattern RELATIVE = Pattern.compile("(?i)^(today|\\d+ (day|days|week|weeks|month|months|year|years) ago)$");
    private static final Pattern NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?$");
    private static final Pattern PERIOD = Pattern.compile("(?i)^\\d{1,9} (day|days|week|weeks|month|months|year|years)$");

    /** One condition row. */
    public record Condition(String field, String op, String value) {}

    /** Conditions joined by one word. */
    public record Group(String join, List<Condition> conditions) {}

    private final String join;
    private final List<Group> groups;

    RuleBuilder(String join, List<Group> groups) {
        this.join = join;
        this.groups = groups;
    }

    static RuleBuilder empty() {
        return new RuleBuilder("and", new ArrayList<>(List.of(new Group("and", new ArrayList<>(List.of(new Condition("", "", "")))))));
    }

    public String join() {
        return join;
    }

    public List<Group> groups() {
        return groups;
    }

    /** Reads the builder from the form and applies the pressed button's action (add, remove, add group). */
    static RuleBuilder fromForm(MultiValueMap<String, String> form) {
        List<Group> groups = new ArrayList<>();
        for (int g = 0; form.containsKey("g" + g + ".join"); g++) {
            List<Condition> conditions = new ArrayList<>();
            for (int c = 0; form.containsKey("g" + g + ".c" + c + ".field"); c++) {
                String p = "g" + g + ".c" + c + ".";
                conditions.add(new Condition(nz(form.getFirst(p + "field")), nz(form.getFirst(p + "op")), nz(form.getFirst(p + "value"))));
            }
            groups.add(new Group(orAnd(form.getFirst("g" + g + ".join")), conditions));
        }
        RuleBuilder builder = groups.isEmpty() ? empty() : new RuleBuilder(orAnd(form.getFirst("join")), groups);
        builder.apply(nz(form.getFirst("action")));
        return builder;
    }

    private void apply(String action) {
        String[] parts = action.split(":");
        try {
            switch (parts[0]) {
                case "add" -> groups.get(Integer.parseInt(parts[1])).conditions().add(new Condition("", "", ""));
                case "group" -> groups.add(new Group("and", new ArrayList<>(List.of(new Condition("", "", "")))));
                case "remove" -> {
                    Group group = groups.get(Integer.parseInt(parts[1]));
                    group.conditions().remove(Integer.parseInt(parts[2]));
                    if (group.conditions().isEmpty()) {
                        groups.remove(group);
                    }
                    if (groups.isEmpty()) {
                        groups.addAll(empty().groups());
                    }
                }
                default -> { }
            }
        } catch (RuntimeException ignored) {
            // a stale or forged button: keep the builder as it is
        }
    }

    /** The expression the builder stands for; conditions without a field or an operator are left out. */
    String expression(BuilderVocabulary vocabulary) {
        List<String> groupTexts = new ArrayList<>();
        for (Group group : groups) {
            List<String> parts = group.conditions().stream()
                    .filter(c -> !c.field().isBlank() && !c.op().isBlank())
                    .map(c -> condition(c, vocabulary.type(c.field())))
                    .toList();
            if (!parts.isEmpty()) {
                String text = String.join(" " + group.join() + " ", parts);
                groupTexts.add(parts.size() > 1 && groups.size() > 1 ? "(" + text + ")" : text);
            }
        }
        return String.join(" " + join + " ", groupTexts);
    }

    /** One row as the language writes it; values are quoted unless they are plainly of the field's type. */
    static String condition(Condition c, String type) {
        if (c.field().equals("@list")) {
            String list = "in list " + quote(c.value().strip());
            return c.op().equals("not in list") ? "not " + list : list;
        }
        String op = c.op();
        return switch (op) {
            case "is set", "is not set" -> c.field() + " " + op;
            case "never" -> "never " + c.field();
            case "within" -> c.field() + " within " + period(c.value().strip());
            case "campaign" -> c.field() + " campaign " + quote(c.value().strip());
            case "not campaign" -> "not " + c.field() + " campaign " + quote(c.value().strip());
            case "in", "not in", "has any", "has all" -> c.field() + " " + op + " " + Arrays.stream(c.value().split(","))
                    .map(String::strip).filter(v -> !v.isEmpty()).map(v -> value(v, type))
                    .collect(Collectors.joining(", ", "[", "]"));
            case "between" -> {
                String[] bounds = c.value().split(",", 2);
                yield c.field() + " between " + value(bounds[0].strip(), type) + " and "
                        + value(bounds.length > 1 ? bounds[1].strip() : "", type);
            }
            default -> c.field() + " " + op + " " + value(c.value().strip(), type);
        };
    }

    /** {@code 30 days} (a bare number counts days); anything else is quoted, so the count says what is wrong. */
    private static String period(String v) {
        if (v.matches("\\d{1,9}")) {
            return v + " days";
        }
        return PERIOD.matcher(v).matches() ? v.toLowerCase(Locale.ROOT) : quote(v);
    }

    /** Numbers, booleans and relative dates stay bare; everything else is quoted text. */
    private static String value(String v, String type) {
        if (type.equals("number") && NUMBER.matcher(v).matches()) {
            return v;
        }
        if (type.equals("boolean") && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
            return v.toLowerCase(Locale.ROOT);
        }
        if (type.equals("date") && RELATIVE.matcher(v).matches()) {
            return v.toLowerCase(Locale.ROOT);
        }
        return quote(v);
    }

    private static String quote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String orAnd(String value) {
        return "or".equals(value) ? "or" : "and";
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
