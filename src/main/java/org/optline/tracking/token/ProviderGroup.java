package org.optline.tracking.token;

import java.util.Locale;

/** The mailbox-provider groups reports break down by; any other destination is {@link #OTHER}. */
public enum ProviderGroup {
    GOOGLE, MICROSOFT, YAHOO, OTHER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The group named by delivery's throttle domain groups ({@code google}, …); anything else is {@link #OTHER}. */
    public static ProviderGroup of(String name) {
        if (name != null) {
            for (ProviderGroup g : values()) {
                if (g != OTHER && g.wireName().equals(name)) {
                    return g;
                }
            }
        }
        return OTHER;
    }
}
