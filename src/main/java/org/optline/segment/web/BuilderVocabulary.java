package org.optline.segment.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optline.audience.CustomField;
import org.optline.audience.MailingList;
import org.optline.segment.ConditionProvider;
import org.optline.segment.language.Operator;

/**
 * What the rule builder offers one client: the built-in fields, the pseudo-field for lists, the
 * client's custom fields and the fields other modules answer (engagement), each with the operators
 * that fit it and, where a value is picked rather than typed, the values to pick from (list names,
 * campaign names).
 */
public final class BuilderVocabulary {

    /** One field as the builder offers it. */
    public record FieldChoice(String key, String label, String type, List<String> operators, List<String> choices) {}

    /** Operators whose value is one of the field's choices. */
    static final List<String> PICKED = List.of("in list", "not in list", "campaign", "not campaign");
    /** Operators that take no value. */
    static final List<String> VALUELESS = List.of("is set", "is not set", "never");

    private final Map<String, FieldChoice> byKey = new LinkedHashMap<>();

    BuilderVocabulary(List<CustomField> custom, Collection<MailingList> lists, List<ConditionProvider.BuilderField> provided) {
        add("email", "Email", "text", List.of());
        add("domain", "Email domain", "text", List.of());
        add("name", "Name", "text", List.of());
        add("status", "Status", "status", List.of());
        add("subscribed", "Subscribed on", "date", List.of());
        add("@list", "List", "list", lists.stream().map(MailingList::name).toList());
        custom.forEach(f -> add(f.key(), f.label(), f.type().wireName(), List.of()));
        for (ConditionProvider.BuilderField f : provided) {
            List<String> ops = new ArrayList<>();
            for (Operator op : f.operators()) {
                switch (op) {
                    case WITHIN -> ops.add("within");
                    case CAMPAIGN -> ops.addAll(List.of("campaign", "not campaign"));
                    case NEVER -> ops.add("never");
                    default -> ops.add(op.written());
                }
            }
            byKey.putIfAbsent(f.field(), new FieldChoice(f.field(), f.label(), "engagement", List.copyOf(ops), f.names()));
        }
    }

    private void add(String key, String label, String type, List<String> choices) {
        byKey.put(key, new FieldChoice(key, label, type, operators(type), choices));
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

    public List<FieldChoice> all() {
        return List.copyOf(byKey.values());
    }

    /** The field, or null when the builder does not offer it. */
    public FieldChoice field(String key) {
        return byKey.get(key);
    }

    /** The field's type; text for a field the builder does not know (a row not filled in yet). */
    public String type(String key) {
        FieldChoice f = byKey.get(key);
        return f == null ? "text" : f.type();
    }

    /** The operators offered for a row on this field. */
    public List<String> operatorsOf(String key) {
        FieldChoice f = byKey.get(key);
        return f == null ? operators("text") : f.operators();
    }

    /** The values a row picks from (its current value kept first when it is not among them), or empty to type one. */
    public List<String> choicesOf(String key, String op, String current) {
        FieldChoice f = byKey.get(key);
        if (f == null || !PICKED.contains(op)) {
            return List.of();
        }
        List<String> choices = new ArrayList<>();
        if (current != null && !current.isBlank() && !f.choices().contains(current)) {
            choices.add(current);
        }
        choices.addAll(f.choices());
        return choices;
    }

    public boolean valueless(String op) {
        return VALUELESS.contains(op);
    }
}
