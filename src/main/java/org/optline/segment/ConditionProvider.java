package org.optline.segment;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.optline.segment.language.Expr;
import org.optline.segment.language.Operator;

/**
 * The extension point for conditions other modules know how to answer, such as engagement
 * ({@code opened within 30 days}, {@code received campaign "Spring sale"}, {@code never opened}) from the
 * analytics module. A provider declared as a bean is asked first for every {@code field op value} condition
 * whose field is not a built-in or custom field; it answers a SQL predicate over the subscriber
 * alias {@code s}, adding its values as named parameters (never concatenated) through {@code params}.
 */
public interface ConditionProvider {

    /** The field names this provider answers, for error messages and the rule builder. */
    Set<String> fields();

    /**
     * The rows the rule builder offers for this provider's fields, for one client: which operators
     * each takes ({@link Operator#WITHIN}, {@link Operator#CAMPAIGN}, {@link Operator#NEVER}) and, for
     * {@code campaign}, the names to choose from. None by default: such fields are then written as text.
     */
    default List<BuilderField> builderFields(UUID clientId) {
        return List.of();
    }

    /** One field as the rule builder offers it. */
    record BuilderField(String field, String label, List<Operator> operators, List<String> names) {}

    /** A predicate for {@code condition}, or empty if this provider does not handle it. */
    Optional<String> compile(Expr.Compare condition, Parameters params);

    /** Adds a named parameter and returns its placeholder ({@code :segment_p7}). */
    interface Parameters {
        String add(Object value);

        String clientId();

        /** The client whose subscribers the segment picks, for a provider that looks up names it is given. */
        UUID client();
    }
}
