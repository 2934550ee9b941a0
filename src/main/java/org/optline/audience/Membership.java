package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A subscriber on a list, with that list's status. */
public record Membership(UUID listId, String listName, MembershipStatus status, OffsetDateTime updatedAt) {}
