package org.optline.platform;

import java.util.Set;

/**
 * An entry in the UI's navigation. Modules contribute entries as beans; the shell renders those
 * the current user's role may see, in {@code order}, so a new module never edits the layout.
 */
public record NavigationItem(Area area, String label, String path, int order, Set<Role> roles) {

    /** Which navigation bar the entry belongs to. */
    public enum Area { CLIENT, OPERATOR }

    public boolean visibleTo(Role role) {
        return roles.contains(role);
    }
}
