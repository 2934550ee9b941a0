package org.optline.segment;

import java.util.Map;
import org.optline.audience.RecipientSelection;

/**
 * A segment compiled to a SQL predicate over the subscriber alias {@code s}, always including
 * {@code s.client_id = :segment_clientId}, with its named parameters, every name starting with
 * {@value #PREFIX}. No value is ever part of the text.
 */
public record CompiledSegment(String where, Map<String, Object> params) {

    /** The prefix of every parameter name of a compiled segment. */
    public static final String PREFIX = "segment_";

    /** The segment as the condition that narrows a campaign's recipients. */
    public RecipientSelection.Condition asRecipientCondition() {
        return new RecipientSelection.Condition(where, PREFIX, params);
    }
}
