/**
 * The site module: the platform's public website. The home page with the permission-only
 * statement, the privacy policy with every published version, the contact and abuse-report forms,
 * and an access log kept for trends without tying a request to a person.
 */
@ApplicationModule(displayName = "Site")
package org.optline.site;

import org.springframework.modulith.ApplicationModule;
