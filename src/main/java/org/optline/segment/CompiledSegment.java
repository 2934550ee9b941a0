package org.optline.segment;

import java.util.Map;

/**
 * A segment compiled to a SQL predicate over the subscriber alias {@code s}, always including
 * {@code s.client_id = :clientId}, with its named parameters. No value is ever part of the text.
 */
public record CompiledSegment(String where, Map<String, Object> params) {}
