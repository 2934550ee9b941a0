package org.optline.segment.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.optline.audience.CustomField;
import org.springframework.util.MultiValueMap;

/**
 * The rule builder's state, read from and written to plain form fields
 * ({@code g0.join}, {@code g0.c1.field}, {@code g0.c1.op}, {@code g0.c1.value}), so it works as an
 * ordinary form without JavaScript and with htmx re-rendering it on every change. It writes the
 * same expression the text mode takes: groups of conditions joined by and/or.
 */
public final class RuleBuilder {

    private static final Pattern RELATIVE = Pattern.compile("(?i)^(today|\\d+ (day|days|week|weeks|month|months|year|years) ago)$");
    private static final Pattern NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?$");

    /** One condition row. */
    public record Condition(String field, String op, String value) {}

    /** Conditions joined by one word. */
    public record Group(String join, List<Condition> conditions) {}

    /** A field the builder offers, with its type (text, number, date, boolean, multi, status, list). */
    public record FieldChoice(String key, String label, String type) {}

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

    /** The expression the builder stands for; conditions without a field are left out. */
    String expression(Map<String, String> typesByField) {
        List<String> groupTexts = new ArrayList<>();
        for (Group group : groups) {
            List<String> parts = group.conditions().stream()
                    .filter(c -> !c.field().isBlank() && !c.op().isBlank())
                    .map(c -> condition(c, typesByField.getOrDefault(c.field(), "text")))
                    .toList();
            if (!parts.isEmpty()) {
                String text = String.join(" " + group.join() + " ", parts);
                groupTexts.add(parts.size() > 1 && groups.size() > 1 ? "(" + text + ")" : text);
            }
        }
        return String.join(" " + join + " ", groupTexts);
    }

    private static String condition(Condition c, String type) {
        if (c.field().equals("@list")) {
            String list = "in list " + quote(c.value().strip());
            return c.op().equals("not in list") ? "not " + list : list;
        }
        String op = c.op();
        return switch (op) {
            case "is set", "is not set" -> c.field() + " " + op;
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

    /** Operators that fit a field type, for the builder's select. */
    static List<String> operators(String type) {
        return switch (type) {
            case "number", "date" -> List.of("=", "!=", "<", "<=", ">", ">=", "between", "in", "is set", "is not set");
            case "boolean" -> List.of("=", "!=", "is set", "is not set");
            case "multi" -> List.of("has", "has any", "has all", "is set", "is not set");
            case "list" -> List.of("in list", "not in list");
            case "status" -> List.of("=", "!=", "in");
            default -> List.of("=", "!=", "contains", "starts with", "in", "not in", "is set", "is not set");
        };
    }

    /** The built-in fields, the pseudo-field for lists, and the client's custom fields. */
    static List<FieldChoice> fields(List<CustomField> custom) {
        List<FieldChoice> choices = new ArrayList<>(List.of(
                new FieldChoice("email", "Email", "text"), new FieldChoice("domain", "Email domain", "text"),
                new FieldChoice("name", "Name", "text"), new FieldChoice("status", "Status", "status"),
                new FieldChoice("subscribed", "Subscribed on", "date"), new FieldChoice("@list", "List", "list")));
        custom.forEach(f -> choices.add(new FieldChoice(f.key(), f.label(), f.type().wireName())));
        return choices;
    }

    private static String orAnd(String value) {
        return "or".equals(value) ? "or" : "and";
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
