package org.optline.audience;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a client sends to add or update one subscriber. {@code fields} maps field keys to values
 * (strings, numbers, booleans, or lists for multi fields); {@code lists} are list ids to join.
 */
public record SubscriberInput(String email, String name, Map<String, Object> fields, List<UUID> lists,
                              ConsentSource consent) {}
