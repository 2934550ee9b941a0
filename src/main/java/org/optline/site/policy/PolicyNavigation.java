package org.optline.site.policy;

import java.util.Set;
import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.NavigationItem.Group;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The privacy policy's versions in the operator console, among the settings of the platform. */
@Configuration
class PolicyNavigation {

    @Bean
    NavigationItem privacyPolicyNav() {
        return new NavigationItem(Area.OPERATOR, Group.SETTINGS, "Privacy policy", "/operator/policies", 150, Set.of(Role.OPERATOR));
    }
}
