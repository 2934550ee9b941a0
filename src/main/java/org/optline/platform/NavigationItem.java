package org.optline.platform;

import java.util.Set;

/**
 * An entry in the UI's navigation. Modules contribute entries as beans; the shell renders those
 * the current user's role may see, grouped under their {@link Group}'s heading in the group's
 * order and within a group by {@code order}, so a new module never edits the layout.
 */
public record NavigationItem(Area area, Group group, String label, String path, int order, Set<Role> roles) {

    /** Which navigation (client area or operator console) the entry belongs to. */
    public enum Area { CLIENT, OPERATOR }

    /**
     * The sidebar's sections, in the order they appear. A group without a heading shows its
     * entries as plain top-level links (the dashboard, the outbox).
     */
    public enum Group {
        HOME(null), AUDIENCE("Audience"), CAMPAIGNS("Campaigns"), REPORTS("Reports"), SETTINGS("Settings"), OUTBOX(null);

        private final String heading;

        Group(String heading) {
            this.heading = heading;
        }

        /** The section's heading, or null for top-level links. */
        public String heading() {
            return heading;
        }
    }

    /** An entry shown as a top-level link, outside the headed groups. */
    public NavigationItem(Area area, String label, String path, int order, Set<Role> roles) {
        this(area, Group.HOME, label, path, order, roles);
    }

    public boolean visibleTo(Role role) {
        return roles.contains(role);
    }
}
