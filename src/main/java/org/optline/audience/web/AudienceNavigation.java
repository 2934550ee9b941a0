package org.optline.audience.web;

import java.util.Set;
import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.NavigationItem.Group;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audience module's entries in the client navigation. */
@Configuration
class AudienceNavigation {

    private static final Set<Role> ALL = Role.IN_CLIENT;
    private static final Set<Role> WRITERS = Role.CLIENT_WRITERS;

    @Bean
    NavigationItem listsNav() {
        return new NavigationItem(Area.CLIENT, Group.AUDIENCE, "Lists", "/audience/lists", 110, ALL);
    }

    @Bean
    NavigationItem subscribersNav() {
        return new NavigationItem(Area.CLIENT, Group.AUDIENCE, "Subscribers", "/audience/subscribers", 100, ALL);
    }

    @Bean
    NavigationItem importsNav() {
        return new NavigationItem(Area.CLIENT, Group.AUDIENCE, "Import", "/audience/imports", 140, WRITERS);
    }

    @Bean
    NavigationItem fieldsNav() {
        return new NavigationItem(Area.CLIENT, Group.AUDIENCE, "Fields", "/audience/fields", 120, ALL);
    }

    @Bean
    NavigationItem suppressionsNav() {
        return new NavigationItem(Area.CLIENT, Group.AUDIENCE, "Suppression", "/audience/suppressions", 150, ALL);
    }
}
